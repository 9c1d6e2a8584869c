-- The tile layers' tables get the same change counters as the score inputs (0006), so the tile
-- server knows a layer changed from one indexed read, where it counted the layer's rows and took
-- their latest timestamp on every uncached tile. macro_asset, reference_area and published_unit
-- are counted already.

CREATE TRIGGER community_hub_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_hub
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER social_enterprise_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON social_enterprise
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER walk_edge_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON walk_edge
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
