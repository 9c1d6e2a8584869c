/**
 * The application's configuration, read from the environment once, validated, and frozen.
 * Nothing else in the server reads process.env: a wrong value fails at start-up with the
 * variable's name rather than deep inside a request.
 */
import path from 'node:path';

export interface AppConfig {
	/** PostgreSQL + PostGIS connection string; undefined selects the embedded PGlite database. */
	readonly databaseUrl: string | undefined;
	/** Folder that persists the embedded database between starts (git-ignored). */
	readonly pgliteDataDir: string;
	/** MapLibre style URL for the basemap; empty means a plain background with our own layers. */
	readonly basemapStyleUrl: string;
	/** Attribution shown for the basemap. */
	readonly basemapAttribution: string;
	/** Folder of forward-only SQL migrations. */
	readonly migrationsDir: string;
	/** Threshold k of the anonymisation rules: no published count below it (never below 5). */
	readonly privacyK: number;
	/** Published counts are rounded to multiples of this. */
	readonly privacyRoundingBase: number;
	/** Load the demo data (Greater Icknield + a synthetic population) when the database is empty. */
	readonly seedOnEmpty: boolean;
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (/^(1|true|yes|on)$/i.test(raw)) return true;
	if (/^(0|false|no|off)$/i.test(raw)) return false;
	throw new ConfigError(`environment variable ${name} must be true or false, got "${raw}"`);
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number, why = ''): number {
	const raw = env[name]?.trim();
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(`environment variable ${name} must be a whole number from ${min} to ${max}${why}, got "${raw}"`);
	}
	return value;
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
	const raw = env[name]?.trim();
	if (!raw) return undefined;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(`environment variable ${name} is not a valid URL`);
	}
	if (!protocols.includes(url.protocol)) {
		throw new ConfigError(
			`environment variable ${name} must use ${protocols.join(' or ')}, got ${url.protocol}`
		);
	}
	return raw;
}

export const DEFAULT_BASEMAP_STYLE_URL = 'https://tiles.openfreemap.org/styles/positron';

/** Builds a validated configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): AppConfig {
	const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
	const basemapStyleUrl =
		env.BASEMAP_STYLE_URL === undefined
			? DEFAULT_BASEMAP_STYLE_URL
			: (readUrl(env, 'BASEMAP_STYLE_URL', ['http:', 'https:']) ?? '');
	return Object.freeze({
		databaseUrl,
		pgliteDataDir: path.resolve(env.PGLITE_DATA_DIR?.trim() || '.data/pglite'),
		basemapStyleUrl,
		basemapAttribution:
			env.BASEMAP_ATTRIBUTION?.trim() ||
			(basemapStyleUrl ? '© OpenStreetMap contributors, OpenFreeMap' : ''),
		migrationsDir: path.resolve(env.MIGRATIONS_DIR?.trim() || 'migrations'),
		privacyK: readInteger(env, 'PRIVACY_K', 10, 5, 1000, ' (the anonymisation rules never allow k below 5)'),
		privacyRoundingBase: readInteger(env, 'PRIVACY_ROUNDING_BASE', 5, 1, 100),
		seedOnEmpty: readBoolean(env, 'SEED_ON_EMPTY', true)
	});
}

let current: AppConfig | undefined;

/** The process-wide configuration, loaded on first use. */
export function config(): AppConfig {
	current ??= loadConfig();
	return current;
}
