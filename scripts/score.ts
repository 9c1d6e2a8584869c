/**
 * `npm run score -- --place <id> [options]`: opportunity scores from the command line, the same
 * computation as GET /api/scores (and /api/scores/sites with --sites).
 *
 *   --method cumulative|gravity|2sfca|e2sfca   (default e2sfca)
 *   --skill all|<skill group id>               (default all)
 *   --distance straight|walk                   (default straight)
 *   --scenario <id>                            (default the baseline)
 *   --readiness, --speed standard|slower, --threshold <min>, --bands 10,20,30 --weights 1,0.68,0.22,
 *   --decay gaussian|exponential, --half-weight <min>
 *   --sites                                    the site view instead of cells
 *   --format geojson|csv                       (default geojson; csv has no geometry)
 *   --out <file>                               (default standard output)
 * Exit status: 0 done, 1 refused (the message says why), 2 usage error.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toCsv } from '../src/lib/domain/csv';
import { parseScoreSpec, ScoreSpecError } from '../src/lib/domain/scoring/spec';
import { openDatabaseFor } from './lib/open-database';
import { ApiError } from '../src/lib/server/http/errors';
import { getCellScores, getSiteScores } from '../src/lib/server/scores/service';

const USAGE = `usage: npm run score -- --place <id> [--method cumulative|gravity|2sfca|e2sfca] [--skill all|<group>]
       [--distance straight|walk] [--scenario <id>] [--readiness <r>] [--speed standard|slower] [--threshold <min>]
       [--bands 10,20,30 --weights 1,0.68,0.22] [--decay gaussian|exponential] [--half-weight <min>]
       [--sites] [--format geojson|csv] [--out <file>]`;

const SPEC_OPTIONS = ['method', 'skill', 'readiness', 'distance', 'speed', 'threshold', 'bands', 'weights', 'decay', 'half-weight', 'scenario'] as const;

let parsed;
try {
	parsed = parseArgs({
		args: process.argv.slice(2),
		options: {
			place: { type: 'string' },
			sites: { type: 'boolean', default: false },
			format: { type: 'string', default: 'geojson' },
			out: { type: 'string' },
			help: { type: 'boolean', default: false },
			...Object.fromEntries(SPEC_OPTIONS.map((name) => [name, { type: 'string' as const }]))
		},
		strict: true,
		allowPositionals: false
	});
} catch (err) {
	console.error(`score: ${(err as Error).message}\n\n${USAGE}`);
	process.exit(2);
}
const values = parsed.values as Record<string, string | boolean | undefined>;
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const problems: string[] = [];
if (!values.place) problems.push('--place is required.');
if (values.format !== 'geojson' && values.format !== 'csv') problems.push('--format must be geojson or csv.');
let spec;
try {
	spec = parseScoreSpec((name) => {
		const value = values[name === 'halfWeight' ? 'half-weight' : name];
		return typeof value === 'string' ? value : null;
	});
} catch (err) {
	if (!(err instanceof ScoreSpecError)) throw err;
	problems.push(...err.problems.map((p) => p.replace(/^(\w+) /, '--$1 ')));
}
if (problems.length || !spec) {
	console.error(`score: ${problems.join(' ')}\n\n${USAGE}`);
	process.exit(2);
}

const database = await openDatabaseFor('score');
try {
	// The command line runs with the database's own rights: scenarios are visible here.
	const request = { placeId: values.place as string, spec, viewer: 'administrator' as const };
	let output: string;
	if (values.sites) {
		const result = await getSiteScores(database.db, request);
		output =
			values.format === 'csv'
				? toCsv(
						result.sites.flatMap((site) => [
							{ site: site.id, name: site.name, skill: 'all', opportunities: site.opportunities, local_supply: site.localSupply, supply_per_opportunity: site.supplyPerOpportunity, rank: site.rank },
							...site.bySkillGroup.map((g) => ({ site: site.id, name: site.name, skill: g.skill, opportunities: g.opportunities, local_supply: g.localSupply, supply_per_opportunity: g.supplyPerOpportunity, rank: null }))
						]),
						['site', 'name', 'skill', 'opportunities', 'local_supply', 'supply_per_opportunity', 'rank']
					)
				: `${JSON.stringify(result, null, 1)}\n`;
	} else {
		const layer = await getCellScores(database.db, request);
		output =
			values.format === 'csv'
				? toCsv(
						layer.features.map((f) => ({ cell: f.properties.cell, score: f.properties.score, rank: f.properties.rank, percentile: f.properties.percentile, imd_decile: f.properties.imdDecile })),
						['cell', 'score', 'rank', 'percentile', 'imd_decile']
					)
				: `${JSON.stringify(layer)}\n`;
		console.error(`${layer.description}: ${layer.features.length} cells, scores ${layer.summary.min}–${layer.summary.max} (${layer.units})`);
	}
	if (values.out) await fs.writeFile(values.out as string, output);
	else process.stdout.write(output);
} catch (err) {
	if (!(err instanceof ApiError)) throw err;
	console.error(`score: ${err.message}`);
	process.exitCode = 1;
} finally {
	await database.close();
}
