/**
 * A place's boundary from a file of one or more polygons (ward or borough outlines), checked the
 * way every import checks geometry (src/lib/domain/imports/geometry.ts: structure, sizes, finite
 * numbers, ranges) before PostGIS dissolves the parts into one MultiPolygon.
 */
import type { MultiPolygon } from 'geojson';
import { guessCrs, toWgs84, CRS_LABELS, type Crs } from '../imports/crs';
import { checkGeometry, rawPositions } from '../imports/geometry';
import { ProblemList, recordLabel } from '../imports/problems';
import type { SourceFile } from '../imports/source';

/** Features in one boundary file: a borough's wards are tens; a thousand is a mistake (LSOAs?). */
export const MAX_BOUNDARY_FEATURES = 1_000;
/** Positions in the whole file, summed over its features (each feature is also held to its own cap). */
export const MAX_BOUNDARY_POSITIONS = 250_000;

export interface BoundaryPart {
	readonly number: number;
	/** "feature 3 (name "Ladywood")", for messages. */
	readonly label: string;
	readonly geometry: MultiPolygon;
	readonly positions: number;
}

export interface CheckedBoundary {
	readonly parts: readonly BoundaryPart[];
	readonly crs: { readonly crs: Crs; readonly from: string };
	readonly positions: number;
}

export type BoundaryResult = { readonly ok: true; readonly value: CheckedBoundary } | { readonly ok: false; readonly problems: readonly string[] };

const NAME_FIELDS = ['name', 'Name', 'NAME'];

function identityOf(attributes: Readonly<Record<string, unknown>>): { field: string; value: string } | undefined {
	const field =
		NAME_FIELDS.find((candidate) => typeof attributes[candidate] === 'string') ??
		Object.keys(attributes).find((key) => /(NM|_name)$/i.test(key) && typeof attributes[key] === 'string');
	return field ? { field, value: String(attributes[field]).slice(0, 60) } : undefined;
}

/** Checks every feature of a boundary file and converts it to WGS84; every problem is named by feature. */
export function checkBoundaryFile(file: SourceFile, crsOption?: Crs): BoundaryResult {
	const problems = new ProblemList();
	if (file.format === 'csv') return { ok: false, problems: [`${file.name}: a boundary comes as GeoJSON (.geojson/.json) or a shapefile (.shp)`] };
	if (file.records.length === 0) return { ok: false, problems: [`${file.name} has no features`] };
	if (file.records.length > MAX_BOUNDARY_FEATURES) {
		return {
			ok: false,
			problems: [
				`${file.name} has ${file.records.length} features; a place's boundary takes at most ${MAX_BOUNDARY_FEATURES}: ` +
					'dissolve it first (e.g. QGIS Dissolve) or give the outline of the wards rather than their small areas'
			]
		};
	}
	let crs: { crs: Crs; from: string } | undefined;
	const declared = file.declaredCrs;
	if (crsOption) crs = { crs: crsOption, from: '--crs' };
	else if (declared && 'unsupported' in declared) {
		return {
			ok: false,
			problems: [
				`${declared.from} names the coordinate system "${declared.unsupported}", which is not read here; ` +
					'reproject the file to EPSG:4326 or EPSG:27700 first (e.g. ogr2ogr -t_srs EPSG:4326), or pass --crs if it really is one of those'
			]
		};
	} else if (declared) crs = declared;
	else {
		const guessed = guessCrs(
			(function* () {
				for (const record of file.records) yield* rawPositions(record.geometry);
			})()
		);
		if (!guessed) {
			return {
				ok: false,
				problems: [
					`cannot tell from the coordinates whether ${file.name} is in longitude/latitude or British National Grid metres; ` +
						'pass --crs 4326 or --crs 27700'
				]
			};
		}
		crs = { crs: guessed, from: 'the coordinate values' };
	}
	const project = toWgs84(crs.crs);
	const parts: BoundaryPart[] = [];
	let total = 0;
	for (const record of file.records) {
		if (problems.full) break;
		const label = recordLabel('feature', record.number, identityOf(record.attributes));
		if (record.unreadable) {
			problems.add(`${label} ${record.unreadable}`);
			continue;
		}
		const checked = checkGeometry(record.geometry, 'polygon', crs.crs, project);
		if ('problem' in checked) {
			problems.add(`${label}: ${checked.problem}${crs.from === '--crs' ? '' : ` (read as ${CRS_LABELS[crs.crs]} from ${crs.from})`}`);
			continue;
		}
		total += checked.positions;
		parts.push({ number: record.number, label, geometry: checked.geometry as MultiPolygon, positions: checked.positions });
	}
	if (total > MAX_BOUNDARY_POSITIONS) {
		problems.add(
			`${file.name} has ${total} positions in all; a boundary takes at most ${MAX_BOUNDARY_POSITIONS}: ` +
				'simplify it first (e.g. mapshaper -simplify 10%), which keeps its shape at map scale'
		);
	}
	if (problems.count) return { ok: false, problems: problems.messages() };
	return { ok: true, value: { parts, crs, positions: total } };
}
