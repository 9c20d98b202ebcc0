CREATE TABLE `access_grounds` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`basis` text NOT NULL,
	`consent_given_by_id` text,
	`consent_given_on` text,
	`purpose` text,
	`legal_ground` text,
	`recorded_by_id` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`consent_given_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_grounds_participant_idx` ON `access_grounds` (`participant_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `account_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_invitations_token_hash_unique` ON `account_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `account_invitations_user_idx` ON `account_invitations` (`user_id`);--> statement-breakpoint
CREATE TABLE `case_purges` (
	`case_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deletion_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`requested_by_id` text NOT NULL,
	`requested_at` integer NOT NULL,
	`note` text,
	`decision` text,
	`decided_by_id` text,
	`decided_at` integer,
	`decision_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deletion_requests_case_idx` ON `deletion_requests` (`case_id`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_user_idx` ON `recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `refusal_counts` (
	`day` text NOT NULL,
	`type` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `type`)
);
--> statement-breakpoint
ALTER TABLE `organisations` ADD `default_scale_question` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `retention_months` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `require_second_factor` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `is_beheerder` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_subject_unique` ON `users` (`oidc_subject`);--> statement-breakpoint
DROP TRIGGER `audit_log_no_delete`;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` WHEN OLD.`case_id` IS NULL OR NOT EXISTS (SELECT 1 FROM `case_purges` WHERE `case_id` = OLD.`case_id`) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
DROP TRIGGER `snapshots_no_delete`;--> statement-breakpoint
CREATE TRIGGER `snapshots_no_delete` BEFORE DELETE ON `snapshots` WHEN NOT EXISTS (SELECT 1 FROM `case_purges` WHERE `case_id` = OLD.`case_id`) BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;--> statement-breakpoint
CREATE TRIGGER `access_grounds_kept` BEFORE UPDATE ON `access_grounds` WHEN OLD.`withdrawn_at` IS NOT NULL OR NEW.`basis` IS NOT OLD.`basis` OR NEW.`participant_id` IS NOT OLD.`participant_id` OR NEW.`consent_given_by_id` IS NOT OLD.`consent_given_by_id` OR NEW.`consent_given_on` IS NOT OLD.`consent_given_on` OR NEW.`purpose` IS NOT OLD.`purpose` OR NEW.`legal_ground` IS NOT OLD.`legal_ground` OR NEW.`recorded_at` IS NOT OLD.`recorded_at` BEGIN SELECT RAISE(ABORT, 'a grondslag is only ever withdrawn'); END;--> statement-breakpoint
CREATE TRIGGER `deletion_requests_decided_stay` BEFORE UPDATE ON `deletion_requests` WHEN OLD.`decided_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a decided deletion request does not change'); END;
