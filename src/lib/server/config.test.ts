import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BASEMAP_STYLE_URL, loadConfig } from './config';

describe('loadConfig', () => {
	it('defaults to the embedded database in .data/pglite and the default basemap', () => {
		const cfg = loadConfig({});
		expect(cfg.databaseUrl).toBeUndefined();
		expect(cfg.pgliteDataDir).toBe(path.resolve('.data/pglite'));
		expect(cfg.basemapStyleUrl).toBe(DEFAULT_BASEMAP_STYLE_URL);
		expect(cfg.seedOnEmpty).toBe(true);
		expect(Object.isFrozen(cfg)).toBe(true);
	});

	it('selects the real server when DATABASE_URL is set', () => {
		const cfg = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/atlas' });
		expect(cfg.databaseUrl).toBe('postgres://u@127.0.0.1:5432/atlas');
	});

	it('names the variable when a value is wrong', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must use postgres:/);
		expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
		expect(() => loadConfig({ SEED_ON_EMPTY: 'maybe' })).toThrow(/SEED_ON_EMPTY must be true or false/);
		expect(() => loadConfig({ BASEMAP_STYLE_URL: 'ftp://x/style.json' })).toThrow(/BASEMAP_STYLE_URL/);
		expect(() => loadConfig({ PRIVACY_K: '4' })).toThrow(/PRIVACY_K must be a whole number from 5 to 1000 \(the anonymisation rules never allow k below 5\)/);
		expect(loadConfig({ PRIVACY_K: '5' }).privacyK).toBe(5);
		expect(loadConfig({}).privacyK).toBe(10);
	});

	it('treats an empty BASEMAP_STYLE_URL as "no basemap"', () => {
		const cfg = loadConfig({ BASEMAP_STYLE_URL: '' });
		expect(cfg.basemapStyleUrl).toBe('');
		expect(cfg.basemapAttribution).toBe('');
	});
});
