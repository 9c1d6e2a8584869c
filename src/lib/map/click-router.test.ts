import { describe, expect, it, vi } from 'vitest';
import { ClickRouter, type RenderedFeature } from './click-router';

const feature = (layer: string, properties: Record<string, unknown> = {}): RenderedFeature => ({ layer: { id: layer }, properties });
const everything = () => true;

describe('ClickRouter', () => {
	it('gives a click to the topmost routed feature, a higher priority first', () => {
		const router = new ClickRouter();
		const site = vi.fn();
		const area = vi.fn();
		router.route({ layers: () => ['sites'], priority: 3, open: site });
		router.route({ layers: () => ['wards'], priority: 0, open: area });
		// The ward fill is drawn over the site here, but the site's priority wins.
		router.resolve({ x: 1, y: 1 }, () => [feature('wards'), feature('sites', { id: 'a' })], everything)!();
		expect(site).toHaveBeenCalledWith(feature('sites', { id: 'a' }));
		expect(area).not.toHaveBeenCalled();
	});

	it('passes the click on when a route says the feature means nothing, and is null where nothing is routed', () => {
		const router = new ClickRouter();
		const cell = vi.fn(() => false as const);
		const area = vi.fn();
		router.route({ layers: () => ['cells'], priority: 2, open: cell });
		router.route({ layers: () => ['lsoas'], open: area });
		router.resolve({ x: 0, y: 0 }, () => [feature('cells'), feature('lsoas')], everything)!();
		expect(cell).toHaveBeenCalled();
		expect(area).toHaveBeenCalled();
		expect(router.resolve({ x: 0, y: 0 }, () => [], everything)).toBeNull();
	});

	it('asks pickers first, queries only layers the map has, and forgets removed routes', () => {
		const router = new ClickRouter();
		const open = vi.fn();
		const stop = router.route({ layers: () => ['sites', 'gone'], open });
		const query = vi.fn(() => [feature('sites')]);
		router.resolve({ x: 0, y: 0 }, query, (id) => id !== 'gone')!();
		expect(query).toHaveBeenCalledWith(['sites']);
		const picked = vi.fn();
		const stopPicker = router.picker(() => picked);
		expect(router.resolve({ x: 0, y: 0 }, query, everything)).toBe(picked);
		stopPicker();
		stop();
		expect(router.resolve({ x: 0, y: 0 }, query, everything)).toBeNull();
	});
});
