/**
 * One click handler for a map whose layers each say what a click on them opens. A layer component
 * registers a route (its clickable layer ids and what to do with the feature found); a deck.gl
 * overlay registers a picker. A click goes to a picker first (its points are drawn on top), then
 * to the route of the topmost rendered feature, a higher `priority` winning over drawing order
 * (an invisible ward fill over an LSOA gives way to the LSOA). Pure: the map is asked through
 * the `query` function, so the rule is unit-tested without WebGL.
 */

/** A rendered feature as MapLibre's queryRenderedFeatures returns it (topmost first). */
export interface RenderedFeature {
	layer: { id: string };
	properties: Record<string, unknown> | null;
}

export interface LayerRoute {
	/** The layer ids a click is looked for in (those missing from the map are skipped). */
	layers: () => readonly string[];
	/** Higher first; equal priorities go by drawing order. Default 0. */
	priority?: number;
	/** What the click opens; return false when this feature means nothing (the next route is tried). */
	open: (feature: RenderedFeature) => boolean | void;
}

export interface Point {
	x: number;
	y: number;
}

/** Something drawn outside MapLibre's layers (deck.gl) that can say what is under a point. */
export type Picker = (point: Point) => (() => void) | null;

export type Query = (layerIds: string[]) => RenderedFeature[];

export class ClickRouter {
	readonly #routes = new Set<LayerRoute>();
	readonly #pickers = new Set<Picker>();

	/** Adds a route; the returned function removes it (a layer component calls it on destroy). */
	route(route: LayerRoute): () => void {
		this.#routes.add(route);
		return () => this.#routes.delete(route);
	}

	picker(picker: Picker): () => void {
		this.#pickers.add(picker);
		return () => this.#pickers.delete(picker);
	}

	/** The layer ids any route listens on, among those `has` says the map holds. */
	layerIds(has: (id: string) => boolean): string[] {
		return [...new Set([...this.#routes].flatMap((r) => r.layers()))].filter(has);
	}

	/** What a click at `point` opens, or null when nothing routed is there. */
	resolve(point: Point, query: Query, has: (id: string) => boolean): (() => void) | null {
		for (const pick of this.#pickers) {
			const action = pick(point);
			if (action) return action;
		}
		const ids = this.layerIds(has);
		if (ids.length === 0) return null;
		const found = query(ids);
		const candidates: { route: LayerRoute; feature: RenderedFeature; order: number }[] = [];
		found.forEach((feature, order) => {
			for (const route of this.#routes) if (route.layers().includes(feature.layer.id)) candidates.push({ route, feature, order });
		});
		candidates.sort((a, b) => (b.route.priority ?? 0) - (a.route.priority ?? 0) || a.order - b.order);
		if (candidates.length === 0) return null;
		return () => {
			for (const { route, feature } of candidates) if (route.open(feature) !== false) return;
		};
	}
}
