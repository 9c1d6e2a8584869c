-- A counter per table that score layers depend on, bumped by every statement that changes the
-- table. Reading these few rows tells whether a computed score layer still holds: the digest it
-- replaces aggregated every site and opportunity on each request (3 ms of server time, which under
-- fifty concurrent map clients was most of the latency of GET /api/scores).
-- Statement-level triggers: an import of thousands of rows bumps a counter once, in its own
-- transaction, so a reader sees the new version exactly when it sees the new rows.

CREATE TABLE data_version (
	table_name  text PRIMARY KEY,
	version     bigint NOT NULL
);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO data_version (table_name, version) VALUES (TG_TABLE_NAME, 1)
	ON CONFLICT (table_name) DO UPDATE SET version = data_version.version + 1;
	RETURN NULL;
END
$$;

CREATE TRIGGER place_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON place
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER macro_asset_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON macro_asset
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER opportunity_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opportunity
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER scenario_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON scenario
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER scenario_site_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON scenario_site
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER scenario_opportunity_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON scenario_opportunity
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER publication_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publication
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER published_unit_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON published_unit
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER walk_network_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON walk_network
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER reference_area_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_area
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER score_grid_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON score_grid
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
