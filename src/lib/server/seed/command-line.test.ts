import { describe, expect, it } from 'vitest';
import { parseSeedArguments, seedUsageText } from './command-line';

describe('npm run seed arguments', () => {
	it('reseeds without arguments, and forces with --force', () => {
		expect(parseSeedArguments([])).toEqual({ force: false });
		expect(parseSeedArguments(['--force'])).toEqual({ force: true });
	});

	it('asks for help with --help or -h, wherever it stands', () => {
		expect(parseSeedArguments(['--help'])).toEqual({ help: true });
		expect(parseSeedArguments(['-h'])).toEqual({ help: true });
		expect(parseSeedArguments(['--force', '--help'])).toEqual({ help: true });
	});

	it('refuses unknown options, values and arguments, naming them', () => {
		expect(parseSeedArguments(['--froce'])).toEqual({ usageError: 'unknown option --froce' });
		expect(parseSeedArguments(['-f'])).toEqual({ usageError: 'unknown option -f' });
		expect(parseSeedArguments(['--force=yes'])).toEqual({ usageError: '--force takes no value' });
		expect(parseSeedArguments(['greater-icknield'])).toEqual({ usageError: 'unexpected argument "greater-icknield"' });
		// The first problem in the order given decides.
		expect(parseSeedArguments(['--nope', '--help'])).toEqual({ usageError: 'unknown option --nope' });
	});

	it('documents every option it accepts', () => {
		expect(seedUsageText()).toMatch(/--force/);
		expect(seedUsageText()).toMatch(/-h, --help/);
	});
});
