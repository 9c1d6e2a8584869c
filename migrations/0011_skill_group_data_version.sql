-- The skills taxonomy gets the change counters of 0006/0007: score layers and tiles label what they
-- hold with the versions of the tables they read, so an `npm run import -- skill-groups` (a new
-- group, a renamed label) now refreshes cached labels instead of waiting for another input to change.
CREATE TRIGGER skill_group_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON skill_group
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER skill_group_soc_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON skill_group_soc
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
