/**
 * Imports a place's walking network from an OpenStreetMap extract (.osm or .osm.pbf): the file is
 * read and turned into a graph in TypeScript (src/lib/domain/osm), then written in one transaction
 * that first deletes the place's previous network, so a re-import replaces it whole and a refused
 * one leaves the old network as it was. A dry run does everything and rolls back.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { OSM_FORMAT_LABELS, OsmFileError, osmFormatOf, type OsmData, type OsmFormat } from '../../domain/osm/elements';
import { buildWalkNetwork } from '../../domain/osm/network';
import type { SkipReason } from '../../domain/osm/walkable';
import type { Database } from '../db/schema';
import { ImportRefused } from '../imports/index';
import { findPlace } from '../imports/queries';
import {
	analyseTable,
	deleteWalkNetwork,
	finishWalkNetwork,
	insertWalkEdges,
	insertWalkNetwork,
	insertWalkNodes,
	placeProjectedSrid
} from './queries';
import { readOsmFile } from './read-osm';

/** The place to import into was not named, or does not exist: a usage error (exit status 2). */
export class PlaceNotChosen extends ImportRefused {
	override name = 'PlaceNotChosen';
}

export interface OsmImportOptions {
	/** The place the network is for; omitted, the only place there is. */
	readonly placeId?: string;
	readonly file: string;
	readonly dryRun?: boolean;
}

export interface OsmImportReport {
	readonly placeId: string;
	/** The new walk_network id (a dry run's is rolled back with everything else). */
	readonly networkId: string;
	readonly file: string;
	readonly format: OsmFormat;
	/** What the file holds. */
	readonly osmNodes: number;
	readonly osmWays: number;
	/** The network made from it. */
	readonly nodes: number;
	readonly edges: number;
	readonly waysKept: number;
	readonly waysSkipped: Readonly<Record<SkipReason, number>>;
	readonly missingNodeRefs: number;
	readonly components: number;
	readonly mainComponentNodes: number;
	/** mainComponentNodes / nodes, 0..1. */
	readonly mainComponentShare: number;
	readonly totalLengthKm: number;
	readonly nodesOutsidePlace: number;
	/** Whether the place had a network that this one replaced. */
	readonly replaced: boolean;
	readonly dryRun: boolean;
	readonly milliseconds: number;
}

/** Rows per INSERT: one JSON parameter each (see queries.ts). */
const BATCH_ROWS = 5_000;

function* batches<T>(rows: readonly T[]): Generator<readonly T[]> {
	for (let start = 0; start < rows.length; start += BATCH_ROWS) yield rows.slice(start, start + BATCH_ROWS);
}

/** Thrown inside the transaction to roll a dry run back while keeping its report. */
class DryRunFinished extends Error {
	constructor(readonly report: OsmImportReport) {
		super('dry run');
	}
}

/**
 * Imports the walking network of an OSM file for a place, replacing the one it had.
 * @throws PlaceNotChosen when no place is named and there is not exactly one, or the named one
 *   does not exist; ImportRefused when the file cannot be read or holds no walkable way
 */
export async function importOsmNetwork(db: Kysely<Database>, options: OsmImportOptions): Promise<OsmImportReport> {
	const started = performance.now();
	const format = osmFormatOf(options.file);
	if (!format) throw new ImportRefused(options.file, ['an OSM file must end in .osm (XML) or .osm.pbf (PBF)']);
	const place = await findPlace(db, options.placeId);
	if ('problem' in place) throw new PlaceNotChosen(options.file, [place.problem]);
	const srid = (await placeProjectedSrid(db, place.placeId))!;

	let data: OsmData;
	try {
		data = await readOsmFile(options.file, format);
	} catch (err) {
		if (err instanceof OsmFileError) throw new ImportRefused(options.file, err.problems);
		throw err;
	}
	const network = buildWalkNetwork(data);
	if (network.edges.length === 0) {
		const skipped = Object.entries(network.waysSkipped)
			.filter(([, count]) => count > 0)
			.map(([reason, count]) => `${count} ${reason}`);
		throw new ImportRefused(options.file, [
			`no walkable way: the file has ${data.ways.length} ways and ${data.nodes.size} nodes` +
				(skipped.length ? `; left out: ${skipped.join(', ')}` : '') +
				(network.missingNodeRefs ? `; ${network.missingNodeRefs} references to nodes the file does not hold` : '')
		]);
	}
	const mainComponentNodes = network.componentSizes[0]!;

	try {
		return await db.transaction().execute(async (trx) => {
			const replaced = await deleteWalkNetwork(trx, place.placeId);
			const networkId = await insertWalkNetwork(trx, {
				placeId: place.placeId,
				sourceName: path.basename(options.file),
				nodeCount: network.nodes.length,
				edgeCount: network.edges.length,
				mainComponentNodes
			});
			for (const batch of batches(network.nodes)) await insertWalkNodes(trx, networkId, srid, batch);
			await analyseTable(trx, 'walk_node');
			for (const batch of batches(network.edges)) await insertWalkEdges(trx, networkId, batch);
			await analyseTable(trx, 'walk_edge');
			const totals = await finishWalkNetwork(trx, networkId);
			const report: OsmImportReport = {
				placeId: place.placeId,
				networkId,
				file: path.basename(options.file),
				format,
				osmNodes: data.nodes.size,
				osmWays: data.ways.length,
				nodes: network.nodes.length,
				edges: network.edges.length,
				waysKept: network.waysKept,
				waysSkipped: network.waysSkipped,
				missingNodeRefs: network.missingNodeRefs,
				components: network.componentSizes.length,
				mainComponentNodes,
				mainComponentShare: mainComponentNodes / network.nodes.length,
				totalLengthKm: totals.totalLengthM / 1000,
				nodesOutsidePlace: totals.nodesOutsidePlace,
				replaced,
				dryRun: options.dryRun ?? false,
				milliseconds: Math.round(performance.now() - started)
			};
			if (options.dryRun) throw new DryRunFinished(report);
			return report;
		});
	} catch (err) {
		if (err instanceof DryRunFinished) return { ...err.report, milliseconds: Math.round(performance.now() - started) };
		throw err;
	}
}

/** The report as the command line prints it. */
export function describeOsmImport(report: OsmImportReport): string {
	const done = (verb: string) => (report.dryRun ? `would be ${verb}` : verb);
	const skipped = Object.entries(report.waysSkipped)
		.filter(([, count]) => count > 0)
		.map(([reason, count]) => `${count} ${reason}`);
	const lines = [
		`osm: ${report.file} (${OSM_FORMAT_LABELS[report.format]}, ${report.osmNodes} nodes, ${report.osmWays} ways)`,
		`  ways: ${report.waysKept} walkable` + (skipped.length ? `; left out: ${skipped.join(', ')}` : ''),
		`  place ${report.placeId}: walking network of ${report.nodes} nodes and ${report.edges} edges, ` +
			`${report.totalLengthKm.toFixed(1)} km, ${done(report.replaced ? 'replacing the previous one' : 'imported')} (${report.milliseconds} ms)`,
		`  largest connected component: ${report.mainComponentNodes} nodes (${(report.mainComponentShare * 100).toFixed(1)}%) ` +
			`of ${report.components} component${report.components === 1 ? '' : 's'}; origins and sites snap to it`
	];
	if (report.missingNodeRefs) {
		lines.push(`  note: ${report.missingNodeRefs} references to nodes the file does not hold (an extract cut without complete ways); ways are split there`);
	}
	if (report.nodesOutsidePlace) {
		lines.push(`  note: ${report.nodesOutsidePlace} of ${report.nodes} nodes lie outside the boundary of place ${report.placeId}`);
	}
	if (report.dryRun) lines.push('  dry run: everything checked, nothing written');
	return lines.join('\n');
}
