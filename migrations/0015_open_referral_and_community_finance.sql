-- Issue 15, parts 5 and 6: services offered at community hubs (published as Open Referral UK)
-- and community finance flowing into a place (published only in aggregate).

-- What a hub offers beyond what its type implies (e.g. The Learning Works' employment shop,
-- English classes, help with professional accreditation). Hubs are public organisations that
-- consented to be mapped, so their services are public too. The id is the Open Referral id.
CREATE TABLE hub_service (
	id            uuid PRIMARY KEY,
	hub_id        text NOT NULL REFERENCES community_hub (id) ON DELETE CASCADE,
	name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	description   text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
	-- The term of the project's service taxonomy (src/lib/domain/openreferral/taxonomy.ts).
	service_type  text NOT NULL CHECK (service_type ~ '^[a-z][a-z_]{0,62}$'),
	url           text CHECK (url ~ '^https?://'),
	email         text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
	minimum_age   smallint CHECK (minimum_age BETWEEN 0 AND 120),
	maximum_age   smallint CHECK (maximum_age BETWEEN 0 AND 120),
	updated_at    timestamptz NOT NULL DEFAULT now(),
	CHECK (maximum_age IS NULL OR minimum_age IS NULL OR maximum_age >= minimum_age)
);
CREATE INDEX hub_service_hub_idx ON hub_service (hub_id);

-- Money flowing into the area: one row per award. Staff-only as rows; published only as
-- aggregates, and awards to individuals never below the publication threshold (DESIGN.md).
CREATE TABLE community_finance (
	id              uuid PRIMARY KEY,
	place_id        text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	source          text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
	amount_gbp      numeric(14, 2) NOT NULL CHECK (amount_gbp > 0 AND amount_gbp < 1000000000),
	kind            text NOT NULL CHECK (kind IN ('grant', 'loan', 'community_share', 'prize')),
	recipient_type  text NOT NULL CHECK (recipient_type IN ('individual', 'social_enterprise',
	                    'community_group', 'charity', 'business', 'public_body')),
	received_on     date NOT NULL CHECK (received_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	-- Where the money landed: a map point (aggregated to cells) within the place.
	geom            geometry(Point, 4326) NOT NULL,
	-- The site whose catchment this belongs to, when stated; else the nearest site within reach.
	macro_asset_id  text REFERENCES macro_asset (id) ON DELETE SET NULL,
	note            text CHECK (length(note) <= 1000),
	created_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_finance_place_idx ON community_finance (place_id, received_on);
CREATE INDEX community_finance_geom_gix ON community_finance USING gist (geom);
