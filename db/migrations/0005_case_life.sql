CREATE TABLE `absences` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`stand_in_participant_id` text NOT NULL,
	`from_date` text NOT NULL,
	`until_date` text NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stand_in_participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `absences_case_idx` ON `absences` (`case_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `besluiten` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`grounds` text NOT NULL,
	`ground_item_ids` text DEFAULT '[]' NOT NULL,
	`alternatives` text NOT NULL,
	`advice` text,
	`advice_by_id` text,
	`family_summary` text NOT NULL,
	`proposed_by_id` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`agreed_by_id` text,
	`agreed_at` integer,
	`withdrawn_at` integer,
	`withdraw_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`advice_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreed_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `besluiten_case_idx` ON `besluiten` (`case_id`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_participant_id` text,
	`subject_participant_id` text,
	`field` text,
	`old_value` text,
	`new_value` text,
	`reason` text,
	`ref_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `overdrachten` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`from_participant_id` text NOT NULL,
	`to_participant_id` text NOT NULL,
	`regie_professional_id` text,
	`situatie` text NOT NULL,
	`open_afspraken_risicos` text NOT NULL,
	`gezin_belangrijk` text NOT NULL,
	`volgende_stappen` text NOT NULL,
	`family_summary` text NOT NULL,
	`snapshot_id` text NOT NULL,
	`overlap_until` text,
	`started_by_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	`cancelled_at` integer,
	`cancel_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`regie_professional_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `overdrachten_case_idx` ON `overdrachten` (`case_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `kader_service` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `regie_professional_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `task` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `help_from` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `help_until` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `help_result` text;--> statement-breakpoint
CREATE UNIQUE INDEX `overdrachten_one_open_uq` ON `overdrachten` (`case_id`) WHERE `completed_at` IS NULL AND `cancelled_at` IS NULL;--> statement-breakpoint
CREATE TRIGGER `case_events_no_update` BEFORE UPDATE ON `case_events` BEGIN SELECT RAISE(ABORT, 'case_events are immutable'); END;--> statement-breakpoint
CREATE TRIGGER `case_events_no_delete` BEFORE DELETE ON `case_events` WHEN EXISTS (SELECT 1 FROM `cases` WHERE `id` = OLD.`case_id`) BEGIN SELECT RAISE(ABORT, 'case_events are immutable'); END;--> statement-breakpoint
UPDATE `cases` SET `casusregisseur_id` = (SELECT `p`.`id` FROM `participants` `p` WHERE `p`.`case_id` = `cases`.`id` AND `p`.`role` = 'casusregisseur' AND `p`.`removed_at` IS NULL ORDER BY `p`.`created_at` LIMIT 1) WHERE `casusregisseur_id` IS NULL;--> statement-breakpoint
UPDATE `participants` SET `role` = 'professional' WHERE `role` = 'casusregisseur';--> statement-breakpoint
CREATE TRIGGER `participants_role_stored_insert` BEFORE INSERT ON `participants` WHEN NEW.`role` NOT IN ('jeugdbeschermer', 'professional', 'ouder', 'jeugdige', 'netwerklid', 'meelezer') BEGIN SELECT RAISE(ABORT, 'participant role not stored: casusregisseur follows the case regie'); END;--> statement-breakpoint
CREATE TRIGGER `participants_role_stored_update` BEFORE UPDATE OF `role` ON `participants` WHEN NEW.`role` NOT IN ('jeugdbeschermer', 'professional', 'ouder', 'jeugdige', 'netwerklid', 'meelezer') BEGIN SELECT RAISE(ABORT, 'participant role not stored: casusregisseur follows the case regie'); END;--> statement-breakpoint
CREATE TRIGGER `cases_regisseur_kept` BEFORE UPDATE OF `casusregisseur_id` ON `cases` WHEN OLD.`casusregisseur_id` IS NOT NULL AND NEW.`casusregisseur_id` IS NULL BEGIN SELECT RAISE(ABORT, 'a case keeps exactly one casusregisseur'); END;--> statement-breakpoint
CREATE TRIGGER `cases_regisseur_valid` BEFORE UPDATE OF `casusregisseur_id` ON `cases` WHEN NEW.`casusregisseur_id` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `participants` `p` WHERE `p`.`id` = NEW.`casusregisseur_id` AND `p`.`case_id` = NEW.`id` AND `p`.`removed_at` IS NULL AND `p`.`role` IN ('jeugdbeschermer', 'professional', 'ouder')) BEGIN SELECT RAISE(ABORT, 'casusregisseur must be a current participant of the case who may hold regie'); END;--> statement-breakpoint
CREATE TRIGGER `cases_regie_professional_valid` BEFORE UPDATE OF `regie_professional_id` ON `cases` WHEN NEW.`regie_professional_id` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `participants` `p` WHERE `p`.`id` = NEW.`regie_professional_id` AND `p`.`case_id` = NEW.`id` AND `p`.`removed_at` IS NULL AND `p`.`role` IN ('jeugdbeschermer', 'professional')) BEGIN SELECT RAISE(ABORT, 'the professional beside a parent regisseur must be a current professional of the case'); END;--> statement-breakpoint
CREATE TRIGGER `participants_regisseur_stays` BEFORE UPDATE OF `removed_at`, `role` ON `participants` WHEN EXISTS (SELECT 1 FROM `cases` `c` WHERE `c`.`id` = NEW.`case_id` AND (`c`.`casusregisseur_id` = NEW.`id` OR `c`.`regie_professional_id` = NEW.`id`)) AND (NEW.`removed_at` IS NOT NULL OR NEW.`role` NOT IN ('jeugdbeschermer', 'professional', 'ouder') OR (NEW.`role` = 'ouder' AND EXISTS (SELECT 1 FROM `cases` `c` WHERE `c`.`id` = NEW.`case_id` AND `c`.`regie_professional_id` = NEW.`id`))) BEGIN SELECT RAISE(ABORT, 'the casusregisseur (or the professional beside a parent regisseur) is handed over first'); END;--> statement-breakpoint
CREATE TRIGGER `besluiten_four_eyes` BEFORE UPDATE OF `agreed_by_id` ON `besluiten` WHEN NEW.`agreed_by_id` IS NOT NULL AND NEW.`agreed_by_id` = NEW.`proposed_by_id` BEGIN SELECT RAISE(ABORT, 'a besluit is agreed by a second professional'); END;
--> statement-breakpoint
CREATE TRIGGER `cases_regisseur_after_participants` BEFORE INSERT ON `cases` WHEN NEW.`casusregisseur_id` IS NOT NULL OR NEW.`regie_professional_id` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a new case names its regisseur once its participants exist'); END;
