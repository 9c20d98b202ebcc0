CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`case_id` text,
	`type` text NOT NULL,
	`actor_participant_id` text,
	`actor_user_id` text,
	`session_ref` text,
	`subject_participant_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_case_idx` ON `audit_log` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `personal_links` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`code_hash` text,
	`failed_code_attempts` integer DEFAULT 0 NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `personal_links_token_hash_unique` ON `personal_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `personal_links_participant_idx` ON `personal_links` (`participant_id`);--> statement-breakpoint
ALTER TABLE `participants` ADD `last_visit_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `ended_at` integer;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
