CREATE TABLE `afspraken` (
	`case_id` text NOT NULL,
	`id` text NOT NULL,
	`position` integer NOT NULL,
	`wat` text NOT NULL,
	`wanneer` text NOT NULL,
	`hoe_weten_we` text NOT NULL,
	`wat_als_niet` text NOT NULL,
	`wie` text NOT NULL,
	`voortgang` text NOT NULL,
	`projected_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scale_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`score` integer NOT NULL,
	`explanation` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scale_scores_case_idx` ON `scale_scores` (`case_id`,`participant_id`,`id`);