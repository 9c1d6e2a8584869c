/**
 * Field mapping: which field of the file fills which column. Real files name things their own way
 * (the 2018 wards file calls the name "Ward" and the code "WardCode"; LSOA files say LSOA21CD and
 * LSOA21NM), so `--map name=Ward,code=WardCode` says it, and `--set hub_type=school` gives every
 * row the same value. Unmapped fields are looked up by their own name, case-insensitively.
 */

export interface FieldMapping {
	/** Target field -> source fields; several (written "a+b") are joined with ", " (text only). */
	readonly map: ReadonlyMap<string, readonly string[]>;
	/** Target field -> one value for every row, as text (parsed like a cell). */
	readonly set: ReadonlyMap<string, string>;
}

export const EMPTY_MAPPING: FieldMapping = { map: new Map(), set: new Map() };

/** Splits "a=x,b=y" at the commas that start a new "target=" so values may contain commas. */
function splitAssignments(text: string): string[] {
	return text.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_]*\s*=)/);
}

function parseAssignments(option: string, text: string): Array<[string, string]> | { problem: string } {
	const pairs: Array<[string, string]> = [];
	for (const part of splitAssignments(text)) {
		const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/s.exec(part);
		if (!match) return { problem: `${option} expects target=value pairs separated by commas, got "${part.trim()}"` };
		pairs.push([match[1]!, match[2]!.trim()]);
	}
	return pairs;
}

/** Parses one `--map` value: "name=Ward,code=WardCode,address=Address1+Postcode". */
export function parseMapOption(text: string): Map<string, string[]> | { problem: string } {
	const pairs = parseAssignments('--map', text);
	if ('problem' in pairs) return pairs;
	const map = new Map<string, string[]>();
	for (const [target, value] of pairs) {
		const sources = value.split('+').map((source) => source.trim());
		if (sources.some((source) => source === '')) return { problem: `--map ${target}= needs a source field name` };
		if (map.has(target)) return { problem: `--map names ${target} twice` };
		map.set(target, sources);
	}
	return map;
}

/** Parses one `--set` value: "hub_type=school,position_accuracy_m=25". */
export function parseSetOption(text: string): Map<string, string> | { problem: string } {
	const pairs = parseAssignments('--set', text);
	if ('problem' in pairs) return pairs;
	const set = new Map<string, string>();
	for (const [target, value] of pairs) {
		if (set.has(target)) return { problem: `--set names ${target} twice` };
		set.set(target, value);
	}
	return set;
}

/** The file field a name refers to: exact spelling first, then ignoring case. */
export function findField(fields: readonly string[], name: string): string | undefined {
	if (fields.includes(name)) return name;
	const lower = name.toLowerCase();
	return fields.find((field) => field.toLowerCase() === lower);
}

/** Lists a file's fields for a message, shortened when a file has very many. */
export function listFields(fields: readonly string[]): string {
	if (fields.length === 0) return '(none)';
	const shown = fields.slice(0, 30).join(', ');
	return fields.length > 30 ? `${shown}, ... (${fields.length} in all)` : shown;
}
