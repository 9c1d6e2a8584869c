-- Issue 11, part 5 (coverage): population denominators on reference areas, so questionnaire
-- coverage can be read per head (published responses per 1,000 residents), and a 'neighbourhood'
-- area type for areas a place draws itself (the demo's residential areas), which are neither
-- official statistical nor administrative geography.

-- Usual residents (e.g. the IoD2019 File 6 mid-2015 denominators, excluding prisoners) and the
-- year the figure describes. population_illustrative marks a figure that is not a statistic
-- (the demo's generated populations), so every page that shows it can say so.
ALTER TABLE reference_area ADD COLUMN population integer CHECK (population >= 0);
ALTER TABLE reference_area ADD COLUMN population_year smallint CHECK (population_year BETWEEN 1900 AND 2100);
ALTER TABLE reference_area ADD COLUMN population_illustrative boolean NOT NULL DEFAULT false;

ALTER TABLE reference_area DROP CONSTRAINT reference_area_area_type_check;
ALTER TABLE reference_area ADD CONSTRAINT reference_area_area_type_check
	CHECK (area_type IN ('ward', 'lsoa', 'msoa', 'output_area', 'neighbourhood'));
