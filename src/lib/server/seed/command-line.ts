/**
 * `npm run seed` arguments. The seed replaces the demo place, so anything it does not understand
 * (`--help` before this, a typo such as `--froce`) must stop it before it opens the database:
 * help prints and exits 0, an unknown option or argument is a usage error (exit 2), as the
 * importer does. node:util parseArgs splits the words; it runs non-strict so the messages are ours.
 */
import { parseArgs } from 'node:util';

export type SeedArguments = { help: true } | { usageError: string } | { force: boolean };

export function seedUsageText(): string {
	return [
		'usage: npm run seed [-- --force]',
		'',
		'Replaces the demo place (Greater Icknield: sites, opportunities, hubs, residential areas and',
		'its labelled synthetic population) in the configured database and reports what was loaded.',
		'The default skills taxonomy is loaded by the migrations; the seed writes the same groups.',
		'',
		'options:',
		'  --force      reseed even when the place holds non-synthetic resident records (they are deleted)',
		'  -h, --help   print this help and change nothing',
		'',
		'Exit status: 0 seeded (or help printed), 1 refused or failed, 2 usage error.'
	].join('\n');
}

export function parseSeedArguments(argv: readonly string[]): SeedArguments {
	const { tokens } = parseArgs({
		args: [...argv],
		options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
		strict: false,
		allowPositionals: true,
		tokens: true
	});
	let force = false;
	// In the order given: the first of --help or an unknown word decides.
	for (const token of tokens) {
		if (token.kind === 'positional') return { usageError: `unexpected argument "${token.value}"` };
		if (token.kind !== 'option') continue;
		if (token.name === 'help') return { help: true };
		if (token.name === 'force' && token.value === undefined) force = true;
		else if (token.name === 'force') return { usageError: '--force takes no value' };
		else return { usageError: `unknown option ${token.rawName}` };
	}
	return { force };
}
