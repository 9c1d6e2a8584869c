/**
 * Reads a geometry written as text in a CSV cell: WKT ("POLYGON ((...))"), EWKT with an SRID
 * prefix ("SRID=27700;POINT (402000 288000)"), or a GeoJSON geometry object as JSON (the
 * Birmingham schools CSV carries one). The result is GeoJSON-shaped but unchecked: geometry.ts
 * checks it like any other file geometry.
 */

export type GeometryText =
	| { readonly geometry: { type: string; coordinates: unknown }; readonly srid?: number }
	| { readonly problem: string };

type Nested = number[] | Nested[];

const WKT_TYPES: Readonly<Record<string, string>> = {
	POINT: 'Point',
	MULTIPOINT: 'MultiPoint',
	LINESTRING: 'LineString',
	MULTILINESTRING: 'MultiLineString',
	POLYGON: 'Polygon',
	MULTIPOLYGON: 'MultiPolygon'
};

export function parseGeometryText(text: string): GeometryText {
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) return parseGeoJsonGeometry(trimmed);
	return parseWkt(trimmed);
}

function parseGeoJsonGeometry(text: string): GeometryText {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { problem: 'starts like GeoJSON but is not valid JSON' };
	}
	if (typeof parsed !== 'object' || parsed === null || !('type' in parsed) || typeof parsed.type !== 'string') {
		return { problem: 'is JSON but not a GeoJSON geometry' };
	}
	const coordinates = 'coordinates' in parsed ? parsed.coordinates : undefined;
	return { geometry: { type: parsed.type, coordinates } };
}

/** Splits WKT into words, numbers and punctuation; "NaN" and "Infinity" stay words. */
function tokenize(text: string): string[] | undefined {
	const tokens: string[] = [];
	const pattern = /\s*([(),;=]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_+-][A-Za-z_]*)/y;
	let index = 0;
	while (index < text.length) {
		pattern.lastIndex = index;
		const match = pattern.exec(text);
		if (!match) return /^\s*$/.test(text.slice(index)) ? tokens : undefined;
		tokens.push(match[1]!);
		index = pattern.lastIndex;
	}
	return tokens;
}

/** The bracket depth each WKT type has: MULTIPOLYGON (((x y, ...)), ...) is three deep. */
const WKT_DEPTHS: Readonly<Record<string, number>> = {
	POINT: 1,
	MULTIPOINT: 2,
	LINESTRING: 1,
	MULTILINESTRING: 2,
	POLYGON: 2,
	MULTIPOLYGON: 3
};

/** The deepest bracket nesting among the tokens, counted without recursion. */
function bracketDepth(tokens: readonly string[], from: number): number {
	let depth = 0;
	let deepest = 0;
	for (let index = from; index < tokens.length; index++) {
		if (tokens[index] === '(') deepest = Math.max(deepest, ++depth);
		else if (tokens[index] === ')') depth--;
	}
	return deepest;
}

function parseWkt(text: string): GeometryText {
	const tokens = tokenize(text);
	if (!tokens) return { problem: 'is not WKT, EWKT or a GeoJSON geometry' };
	let at = 0;
	let srid: number | undefined;
	if (tokens[0]?.toUpperCase() === 'SRID' && tokens[1] === '=') {
		srid = Number(tokens[2]);
		if (!Number.isInteger(srid) || tokens[3] !== ';') return { problem: 'has a malformed SRID=...; prefix' };
		at = 4;
	}
	const word = tokens[at++]?.toUpperCase() ?? '';
	const type = WKT_TYPES[word];
	if (!type) {
		return {
			problem: /^[A-Z]+$/.test(word) ? `is a WKT ${word}, which imports do not read` : 'is not WKT, EWKT or a GeoJSON geometry'
		};
	}
	if (['Z', 'M', 'ZM'].includes(tokens[at]?.toUpperCase() ?? '')) at++;
	if (tokens[at]?.toUpperCase() === 'EMPTY') return { problem: `is an empty ${word}` };
	// Checked before the (recursive) reader runs, so a cell of 200,000 brackets cannot exhaust the stack.
	const depth = bracketDepth(tokens, at);
	if (depth > WKT_DEPTHS[word]!) {
		return { problem: `nests brackets ${depth} deep; a ${word} has at most ${WKT_DEPTHS[word]}: the cell is damaged, re-export it` };
	}

	const readGroup = (): Nested | undefined => {
		if (tokens[at] !== '(') return undefined;
		at++;
		const items: Nested[] = [];
		for (;;) {
			if (tokens[at] === '(') {
				const inner = readGroup();
				if (!inner) return undefined;
				items.push(inner);
			} else {
				const position: number[] = [];
				while (tokens[at] !== undefined && tokens[at] !== ',' && tokens[at] !== ')') {
					// A non-numeric word (NaN, Infinity) becomes NaN so the geometry check names it.
					position.push(Number(tokens[at++]));
				}
				if (position.length === 0) return undefined;
				items.push(position);
			}
			const separator = tokens[at++];
			if (separator === ')') return items as Nested;
			if (separator !== ',') return undefined;
		}
	};

	const body = readGroup();
	if (!body || at !== tokens.length) return { problem: `is not well-formed WKT (check the brackets and commas of the ${word})` };
	let coordinates: unknown = body;
	if (type === 'Point') coordinates = body[0];
	// MULTIPOINT ((1 2), (3 4)) and MULTIPOINT (1 2, 3 4) are both legal WKT.
	if (type === 'MultiPoint') {
		coordinates = (body as unknown[]).map((item) => (Array.isArray(item) && Array.isArray(item[0]) ? item[0] : item));
	}
	return { geometry: { type, coordinates }, srid };
}
