/**
 * Placing site-name labels (HTML elements over the map) so that none overlap and, where possible,
 * none hides a site. Sites in one neighbourhood sit close together and are small at the place's
 * zoom, so a name centred on its site would cover it and its neighbours. Greedy placement in
 * priority order, as map labelling engines do (cf. Christensen, Marks & Shieber 1995, "An empirical
 * study of algorithms for point-feature label placement"):
 *  - a label that fits inside its site's outline is centred on it;
 *  - otherwise it goes just right of, left of, above or below the site's outline, or diagonally off
 *    one of its corners;
 *  - a position must not overlap a label already placed nor run off the map (a name cut in half
 *    reads worse than no name), and should not cover another site;
 *  - a label that fits nowhere is hidden; its name is still in the site list, and panning or
 *    zooming places the labels again.
 */

export type Placement =
	| 'center'
	| 'right'
	| 'left'
	| 'above'
	| 'below'
	| 'above-right'
	| 'above-left'
	| 'below-right'
	| 'below-left'
	| 'hidden';

export interface Rect {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

export interface LabelCandidate {
	id: string;
	/** Anchor in screen pixels: a point inside the site (the label's offsets are relative to it). */
	x: number;
	y: number;
	width: number;
	height: number;
	/** The site's outline's bounding box on screen; labels are kept off other sites'. */
	shape: Rect;
}

export interface PlacedLabel {
	placement: Placement;
	/** Offset of the label's centre from its anchor, in pixels. */
	dx: number;
	dy: number;
}

const HIDDEN: PlacedLabel = { placement: 'hidden', dx: 0, dy: 0 };

function overlaps(a: Rect, b: Rect): boolean {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** A label fits inside its site when it covers at most the middle of the site's box. */
function fitsInside(c: LabelCandidate): boolean {
	return c.width <= (c.shape.right - c.shape.left) * 0.8 && c.height <= (c.shape.bottom - c.shape.top) * 0.5;
}

function positions(c: LabelCandidate, gap: number): PlacedLabel[] {
	const { x, y, width: w, height: h, shape } = c;
	const middle = (shape.left + shape.right) / 2;
	const above = shape.top - gap - h / 2 - y;
	const below = shape.bottom + gap + h / 2 - y;
	const beside: PlacedLabel[] = [
		{ placement: 'right', dx: shape.right + gap + w / 2 - x, dy: 0 },
		{ placement: 'left', dx: shape.left - gap - w / 2 - x, dy: 0 },
		{ placement: 'above', dx: 0, dy: above },
		{ placement: 'below', dx: 0, dy: below },
		// Diagonals: the label starts (or ends) over the middle of the site.
		{ placement: 'above-right', dx: middle + w / 2 - x, dy: above },
		{ placement: 'above-left', dx: middle - w / 2 - x, dy: above },
		{ placement: 'below-right', dx: middle + w / 2 - x, dy: below },
		{ placement: 'below-left', dx: middle - w / 2 - x, dy: below }
	];
	const centre: PlacedLabel = { placement: 'center', dx: 0, dy: 0 };
	return fitsInside(c) ? [centre, ...beside] : [...beside, centre];
}

function inside(inner: Rect, outer: Rect): boolean {
	return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

export interface PlacementOptions {
	/** Clear space, in pixels, kept between a label and anything else. */
	gap?: number;
	/** The visible map, in the same pixels; labels stay inside it. */
	viewport?: Rect;
	/** Areas no label may cover (the selected site), other than the label of that area's own site. */
	keepClear?: { id: string; rect: Rect }[];
}

/** Places labels in the order given (put the selected site first). */
export function placeLabels(
	candidates: readonly LabelCandidate[],
	{ gap = 4, viewport, keepClear = [] }: PlacementOptions = {}
): Map<string, PlacedLabel> {
	const placed: Rect[] = [];
	const result = new Map<string, PlacedLabel>();
	for (const c of candidates) {
		const otherSites = candidates.filter((o) => o.id !== c.id).map((o) => o.shape);
		const options = positions(c, gap).map((p) => {
			const cx = c.x + p.dx;
			const cy = c.y + p.dy;
			const rect = {
				left: cx - c.width / 2 - gap / 2,
				right: cx + c.width / 2 + gap / 2,
				top: cy - c.height / 2 - gap / 2,
				bottom: cy + c.height / 2 + gap / 2
			};
			return { p, rect };
		});
		const clear = keepClear.filter((k) => k.id !== c.id).map((k) => k.rect);
		const allowed = options.filter(
			({ rect }) =>
				!placed.some((r) => overlaps(r, rect)) &&
				!clear.some((r) => overlaps(r, rect)) &&
				(!viewport || inside(rect, viewport))
		);
		const best = allowed.find(({ rect }) => !otherSites.some((s) => overlaps(s, rect))) ?? allowed[0];
		if (best) {
			placed.push(best.rect);
			result.set(c.id, best.p);
		} else {
			result.set(c.id, HIDDEN);
		}
	}
	return result;
}
