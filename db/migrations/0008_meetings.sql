CREATE TABLE `meeting_attendees` (
	`meeting_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`joined_at` integer,
	`present` integer NOT NULL,
	`corrected_by_id` text,
	`left_at` integer,
	PRIMARY KEY(`meeting_id`, `participant_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrected_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_notes_meeting_idx` ON `meeting_notes` (`meeting_id`,`id`);--> statement-breakpoint
CREATE TABLE `meeting_round_scores` (
	`round_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`score` integer NOT NULL,
	`explanation` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `participant_id`),
	FOREIGN KEY (`round_id`) REFERENCES `meeting_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`opened_by_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`revealed_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_rounds_meeting_idx` ON `meeting_rounds` (`meeting_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`code` text NOT NULL,
	`started_by_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`focus` text,
	`start_rendering` text NOT NULL,
	`ended_at` integer,
	`ended_by_id` text,
	`snapshot_id` text,
	`next_meeting_date` text,
	`summary` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_case_idx` ON `meetings` (`case_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `scale_scores` ADD `meeting_id` text REFERENCES meetings(id);--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_one_running_uq` ON `meetings` (`case_id`) WHERE `ended_at` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_running_code_uq` ON `meetings` (`code`) WHERE `ended_at` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_rounds_one_open_uq` ON `meeting_rounds` (`meeting_id`) WHERE `revealed_at` IS NULL;--> statement-breakpoint
CREATE TRIGGER `meetings_ended_stay` BEFORE UPDATE ON `meetings` WHEN OLD.`ended_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'an ended meeting does not change'); END;--> statement-breakpoint
CREATE TRIGGER `meeting_rounds_revealed_stay` BEFORE UPDATE ON `meeting_rounds` WHEN OLD.`revealed_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a revealed round does not change'); END;--> statement-breakpoint
CREATE TRIGGER `meeting_round_scores_open_insert` BEFORE INSERT ON `meeting_round_scores` WHEN EXISTS (SELECT 1 FROM `meeting_rounds` `r` WHERE `r`.`id` = NEW.`round_id` AND `r`.`revealed_at` IS NOT NULL) BEGIN SELECT RAISE(ABORT, 'a revealed round takes no more scores'); END;--> statement-breakpoint
CREATE TRIGGER `meeting_round_scores_open_update` BEFORE UPDATE ON `meeting_round_scores` WHEN EXISTS (SELECT 1 FROM `meeting_rounds` `r` WHERE `r`.`id` = OLD.`round_id` AND `r`.`revealed_at` IS NOT NULL) BEGIN SELECT RAISE(ABORT, 'a revealed round takes no more scores'); END;--> statement-breakpoint
CREATE TRIGGER `meeting_notes_no_update` BEFORE UPDATE ON `meeting_notes` BEGIN SELECT RAISE(ABORT, 'meeting_notes are append-only'); END;--> statement-breakpoint
CREATE TRIGGER `meeting_notes_no_delete` BEFORE DELETE ON `meeting_notes` WHEN EXISTS (SELECT 1 FROM `meetings` WHERE `id` = OLD.`meeting_id`) BEGIN SELECT RAISE(ABORT, 'meeting_notes are append-only'); END;
