/**
 * `npm run import` arguments: node:util parseArgs splits the words and options (`--map a=b`,
 * `--map=a=b`, `-h`), the domain's interpretImportArguments checks what they ask for. parseArgs
 * runs non-strict so that the usage errors stay ours ("unknown option --colour", "--place needs a
 * value") rather than its generic ones.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FLAG_OPTIONS, interpretImportArguments, VALUE_OPTIONS, type ParsedArguments, type ValueOption } from '../../domain/imports/arguments';

const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
	...Object.fromEntries(VALUE_OPTIONS.map((option) => [option.slice(2), { type: 'string', multiple: true }])),
	...Object.fromEntries(FLAG_OPTIONS.map((option) => [option.slice(2), { type: 'boolean' }])),
	help: { type: 'boolean', short: 'h' }
};

export function parseImportArguments(argv: readonly string[]): ParsedArguments {
	const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
	const positionals: string[] = [];
	const values = new Map<ValueOption, string[]>();
	let dryRun = false;
	let makeValid = false;
	let asPoint = false;
	let allowOutside = false;
	// In the order given: the first of --help, an unknown option or a missing value decides.
	for (const token of tokens) {
		if (token.kind === 'positional') positionals.push(token.value);
		if (token.kind !== 'option') continue;
		const name = `--${token.name}`;
		if (token.name === 'help') return { help: true };
		if (name === '--dry-run') dryRun = true;
		else if (name === '--make-valid') makeValid = true;
		else if (name === '--as-point') asPoint = true;
		else if (name === '--allow-outside') allowOutside = true;
		else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
			// parseArgs takes the next word as the value even when it is another option.
			if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) return { usageError: `${name} needs a value` };
			const option = name as ValueOption;
			values.set(option, [...(values.get(option) ?? []), token.value]);
		} else return { usageError: `unknown option ${token.rawName}` };
	}
	return interpretImportArguments({ positionals, values, dryRun, makeValid, asPoint, allowOutside });
}
