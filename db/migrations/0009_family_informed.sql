CREATE TABLE `child_story` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`child_id` text NOT NULL,
	`part` text NOT NULL,
	`panel` integer NOT NULL,
	`text` text NOT NULL,
	`picture` text,
	`removed` integer DEFAULT false NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `child_story_child_idx` ON `child_story` (`child_id`,`part`,`panel`,`id`);--> statement-breakpoint
CREATE TABLE `house_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`child_id` text NOT NULL,
	`house` text NOT NULL,
	`text` text NOT NULL,
	`picture` text,
	`created_by_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `house_entries_child_idx` ON `house_entries` (`child_id`,`house`,`created_at`);--> statement-breakpoint
CREATE TABLE `house_viewers` (
	`child_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`chosen_by_id` text NOT NULL,
	`chosen_at` integer NOT NULL,
	PRIMARY KEY(`child_id`, `participant_id`),
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chosen_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`participant_id` text PRIMARY KEY NOT NULL,
	`by_email` integer DEFAULT false NOT NULL,
	`by_sms` integer DEFAULT false NOT NULL,
	`email` text,
	`phone` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`template` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`dedupe_key` text NOT NULL,
	`case_id` text,
	`participant_id` text,
	`user_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`stopped_at` integer,
	`stop_reason` text,
	`last_error` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`sent_at`,`stopped_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `pictures` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pictures_case_idx` ON `pictures` (`case_id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`asker_id` text NOT NULL,
	`to_id` text NOT NULL,
	`text` text NOT NULL,
	`callback_phone` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`answered_at` integer,
	`answered_by_id` text,
	`answer` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asker_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_case_idx` ON `questions` (`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `questions_to_idx` ON `questions` (`to_id`,`answered_at`);--> statement-breakpoint
ALTER TABLE `children` ADD `participant_id` text;--> statement-breakpoint
ALTER TABLE `children` ADD `houses_for_professionals` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `out_of_hours_phone` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `child_own_link_age` integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `child_decides_age` integer DEFAULT 16 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `device` text;--> statement-breakpoint
ALTER TABLE `users` ADD `availability` text;--> statement-breakpoint
ALTER TABLE `users` ADD `digest` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE TRIGGER `child_story_no_update` BEFORE UPDATE ON `child_story` BEGIN SELECT RAISE(ABORT, 'child_story is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `child_story_no_delete` BEFORE DELETE ON `child_story` WHEN EXISTS (SELECT 1 FROM `cases` WHERE `id` = OLD.`case_id`) BEGIN SELECT RAISE(ABORT, 'child_story is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `house_entries_kept` BEFORE UPDATE ON `house_entries` WHEN OLD.`withdrawn_at` IS NOT NULL OR NEW.`text` IS NOT OLD.`text` OR NEW.`house` IS NOT OLD.`house` OR NEW.`child_id` IS NOT OLD.`child_id` OR NEW.`created_by_id` IS NOT OLD.`created_by_id` OR NEW.`created_at` IS NOT OLD.`created_at` BEGIN SELECT RAISE(ABORT, 'a house entry is only ever withdrawn'); END;--> statement-breakpoint
CREATE TRIGGER `house_entries_no_delete` BEFORE DELETE ON `house_entries` WHEN EXISTS (SELECT 1 FROM `cases` WHERE `id` = OLD.`case_id`) BEGIN SELECT RAISE(ABORT, 'a house entry is only ever withdrawn'); END;--> statement-breakpoint
CREATE TRIGGER `questions_answer_stays` BEFORE UPDATE ON `questions` WHEN OLD.`answered_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'an answered question does not change'); END;
