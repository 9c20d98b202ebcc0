CREATE TABLE `check_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`afspraak_id` text NOT NULL,
	`occurrence` text NOT NULL,
	`participant_id` text NOT NULL,
	`result` text NOT NULL,
	`toelichting` text,
	`recorded_by_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `check_ins_afspraak_idx` ON `check_ins` (`case_id`,`afspraak_id`,`occurrence`);--> statement-breakpoint
CREATE INDEX `check_ins_participant_idx` ON `check_ins` (`participant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `afspraken` ADD `kind` text DEFAULT 'afspraak' NOT NULL;--> statement-breakpoint
ALTER TABLE `afspraken` ADD `start_date` text;--> statement-breakpoint
ALTER TABLE `afspraken` ADD `recurrence` text;--> statement-breakpoint
ALTER TABLE `afspraken` ADD `review_date` text;--> statement-breakpoint
CREATE TRIGGER `check_ins_no_update` BEFORE UPDATE ON `check_ins` BEGIN SELECT RAISE(ABORT, 'check_ins are append-only'); END;--> statement-breakpoint
CREATE TRIGGER `check_ins_no_delete` BEFORE DELETE ON `check_ins` WHEN EXISTS (SELECT 1 FROM `cases` WHERE `id` = OLD.`case_id`) BEGIN SELECT RAISE(ABORT, 'check_ins are append-only'); END;
