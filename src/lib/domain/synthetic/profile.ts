/**
 * The parameters of a place's synthetic population, read from its data folder
 * (data/<place>/synthetic-profile.json), so that a second place gets its own population from data
 * alone. parsePopulationProfile checks the JSON and names the path of anything wrong.
 */

/** Values with relative weights (need not sum to 1), in the order the file gives them. */
export type WeightTable<T> = readonly (readonly [T, number])[];

export interface OverseasHealthProfession {
	/** Free-text profession, e.g. "midwife"; used only to build the records, never stored. */
	readonly profession: string;
	readonly skillGroupId: string;
	readonly count: number;
	/** RQF level of the overseas qualification (0-8). */
	readonly qualificationLevel: number;
}

export interface ResidentProfile {
	readonly count: number;
	/** Share of all residents, the overseas health-qualified included, born abroad. */
	readonly migrantShare: number;
	readonly qualificationLevels: WeightTable<number>;
	readonly skillGroupsByQualification: {
		readonly levels0to2: WeightTable<string>;
		readonly levels3to5: WeightTable<string>;
		readonly levels6to8: WeightTable<string>;
	};
	readonly overseasQualifiedShareOfMigrantsLevel3Plus: number;
	readonly englishTestPassedShareOfOverseasQualified: number;
	/** Skill groups whose professions have a statutory register (NMC, GMC, HCPC...). */
	readonly regulatedSkillGroups: readonly string[];
	readonly registeredShareOfUkQualifiedRegulated: number;
	readonly migrantFirstLanguage: WeightTable<string>;
	readonly migrantAlsoSpeaksEnglishShare: number;
	readonly ukBornHeritageLanguageShare: number;
	readonly ukBornHeritageLanguage: WeightTable<string>;
	readonly overseasHealthQualified: {
		readonly professions: readonly OverseasHealthProfession[];
		readonly englishTestPassedShare: number;
		readonly registeredShareAfterEnglishTest: number;
		readonly firstLanguage: WeightTable<string>;
		readonly alsoSpeaksEnglishShare: number;
	};
}

export interface ConsortiumTexts {
	readonly names: readonly string[];
	readonly offers: readonly string[];
	readonly needs: readonly string[];
}

export interface EnterpriseProfile {
	readonly count: number;
	/** How many enterprises each consortium gets; sums to count. */
	readonly consortia: readonly (readonly [string, number])[];
	readonly namePlaces: readonly string[];
	/** Appended to every generated name so that no invented name passes for a real organisation. */
	readonly nameSuffix: string;
	readonly byConsortium: ReadonlyMap<string, ConsortiumTexts>;
	readonly employees: readonly { readonly min: number; readonly max: number; readonly share: number }[];
}

export interface PopulationProfile {
	readonly seed: string;
	/** Edge of the ST_HexagonGrid hexagons resident points are snapped to, in projected units. */
	readonly cellSize: number;
	/** Generated points keep at least this distance inside the place boundary. */
	readonly boundaryMargin: number;
	readonly residents: ResidentProfile;
	readonly enterprises: EnterpriseProfile;
}

export class ProfileError extends Error {
	override name = 'ProfileError';
	constructor(
		readonly path: string,
		message: string
	) {
		super(`${path}: ${message}`);
	}
}

type Json = unknown;

function record(value: Json, path: string): Record<string, Json> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ProfileError(path, 'expected an object');
	}
	return value as Record<string, Json>;
}

function field(object: Record<string, Json>, key: string, path: string): Json {
	if (!(key in object)) throw new ProfileError(`${path}.${key}`, 'is missing');
	return object[key];
}

function text(value: Json, path: string, allowEmpty = false): string {
	if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) {
		throw new ProfileError(path, allowEmpty ? 'expected a string' : 'expected a non-empty string');
	}
	return value;
}

function number(value: Json, path: string, min: number, max: number, integer = false): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw new ProfileError(path, `expected a number from ${min} to ${max}`);
	}
	if (integer && !Number.isInteger(value)) throw new ProfileError(path, 'expected a whole number');
	return value;
}

const share = (value: Json, path: string) => number(value, path, 0, 1);

function texts(value: Json, path: string): string[] {
	if (!Array.isArray(value) || value.length === 0) throw new ProfileError(path, 'expected a non-empty list');
	return value.map((item, k) => text(item, `${path}[${k}]`));
}

function weights(value: Json, path: string): [string, number][] {
	const object = record(value, path);
	const entries = Object.entries(object).map(([key, w]): [string, number] => [key, number(w, `${path}.${key}`, 0, 1e9)]);
	if (!entries.some(([, w]) => w > 0)) throw new ProfileError(path, 'needs at least one positive weight');
	return entries;
}

function parseResidents(value: Json, path: string): ResidentProfile {
	const r = record(value, path);
	const count = number(field(r, 'count', path), `${path}.count`, 1, 1_000_000, true);
	const levels = weights(field(r, 'qualification_levels', path), `${path}.qualification_levels`).map(
		([level, w]): [number, number] => {
			const n = Number(level);
			if (!(Number.isInteger(n) && n >= 0 && n <= 8)) {
				throw new ProfileError(`${path}.qualification_levels.${level}`, 'levels are RQF 0 to 8');
			}
			return [n, w];
		}
	);
	const byQualification = record(field(r, 'skill_groups_by_qualification', path), `${path}.skill_groups_by_qualification`);
	const bq = `${path}.skill_groups_by_qualification`;
	const health = record(field(r, 'overseas_health_qualified', path), `${path}.overseas_health_qualified`);
	const hp = `${path}.overseas_health_qualified`;
	const professionsJson = field(health, 'professions', hp);
	if (!Array.isArray(professionsJson)) throw new ProfileError(`${hp}.professions`, 'expected a list');
	const professions = professionsJson.map((item, k): OverseasHealthProfession => {
		const p = `${hp}.professions[${k}]`;
		const o = record(item, p);
		return {
			profession: text(field(o, 'profession', p), `${p}.profession`),
			skillGroupId: text(field(o, 'skill_group', p), `${p}.skill_group`),
			count: number(field(o, 'count', p), `${p}.count`, 0, 1_000_000, true),
			qualificationLevel: number(field(o, 'qualification_level', p), `${p}.qualification_level`, 0, 8, true)
		};
	});
	const overseasCount = professions.reduce((sum, p) => sum + p.count, 0);
	if (overseasCount > count) {
		throw new ProfileError(`${hp}.professions`, `${overseasCount} overseas health-qualified residents exceed the ${count} residents`);
	}
	const migrantShare = share(field(r, 'migrant_share', path), `${path}.migrant_share`);
	if (migrantShare * count < overseasCount) {
		throw new ProfileError(`${path}.migrant_share`, 'is too low: every overseas health-qualified resident is a migrant');
	}
	return {
		count,
		migrantShare,
		qualificationLevels: levels,
		skillGroupsByQualification: {
			levels0to2: weights(field(byQualification, 'levels_0_to_2', bq), `${bq}.levels_0_to_2`),
			levels3to5: weights(field(byQualification, 'levels_3_to_5', bq), `${bq}.levels_3_to_5`),
			levels6to8: weights(field(byQualification, 'levels_6_to_8', bq), `${bq}.levels_6_to_8`)
		},
		overseasQualifiedShareOfMigrantsLevel3Plus: share(
			field(r, 'overseas_qualified_share_of_migrants_level_3_plus', path),
			`${path}.overseas_qualified_share_of_migrants_level_3_plus`
		),
		englishTestPassedShareOfOverseasQualified: share(
			field(r, 'english_test_passed_share_of_overseas_qualified', path),
			`${path}.english_test_passed_share_of_overseas_qualified`
		),
		regulatedSkillGroups: texts(field(r, 'regulated_skill_groups', path), `${path}.regulated_skill_groups`),
		registeredShareOfUkQualifiedRegulated: share(
			field(r, 'registered_share_of_uk_qualified_regulated', path),
			`${path}.registered_share_of_uk_qualified_regulated`
		),
		migrantFirstLanguage: weights(field(r, 'migrant_first_language', path), `${path}.migrant_first_language`),
		migrantAlsoSpeaksEnglishShare: share(
			field(r, 'migrant_also_speaks_english_share', path),
			`${path}.migrant_also_speaks_english_share`
		),
		ukBornHeritageLanguageShare: share(
			field(r, 'uk_born_heritage_language_share', path),
			`${path}.uk_born_heritage_language_share`
		),
		ukBornHeritageLanguage: weights(field(r, 'uk_born_heritage_language', path), `${path}.uk_born_heritage_language`),
		overseasHealthQualified: {
			professions,
			englishTestPassedShare: share(field(health, 'english_test_passed_share', hp), `${hp}.english_test_passed_share`),
			registeredShareAfterEnglishTest: share(
				field(health, 'registered_share_after_english_test', hp),
				`${hp}.registered_share_after_english_test`
			),
			firstLanguage: weights(field(health, 'first_language', hp), `${hp}.first_language`),
			alsoSpeaksEnglishShare: share(field(health, 'also_speaks_english_share', hp), `${hp}.also_speaks_english_share`)
		}
	};
}

function parseEnterprises(value: Json, path: string): EnterpriseProfile {
	const e = record(value, path);
	const count = number(field(e, 'count', path), `${path}.count`, 0, 100_000, true);
	const consortiaJson = record(field(e, 'consortia', path), `${path}.consortia`);
	const consortia = Object.entries(consortiaJson).map(([key, n]): [string, number] => [
		key,
		number(n, `${path}.consortia.${key}`, 0, 100_000, true)
	]);
	const total = consortia.reduce((sum, [, n]) => sum + n, 0);
	if (total !== count) throw new ProfileError(`${path}.consortia`, `counts sum to ${total}, not to count (${count})`);
	const textsJson = record(field(e, 'by_consortium', path), `${path}.by_consortium`);
	const byConsortium = new Map<string, ConsortiumTexts>();
	for (const [consortium] of consortia) {
		const p = `${path}.by_consortium.${consortium}`;
		const o = record(field(textsJson, consortium, `${path}.by_consortium`), p);
		byConsortium.set(consortium, {
			names: texts(field(o, 'names', p), `${p}.names`),
			offers: texts(field(o, 'offers', p), `${p}.offers`),
			needs: texts(field(o, 'needs', p), `${p}.needs`)
		});
	}
	const employeesJson = field(e, 'employees', path);
	if (!Array.isArray(employeesJson) || employeesJson.length === 0) {
		throw new ProfileError(`${path}.employees`, 'expected a non-empty list of bands');
	}
	const employees = employeesJson.map((item, k) => {
		const p = `${path}.employees[${k}]`;
		const o = record(item, p);
		const min = number(field(o, 'min', p), `${p}.min`, 0, 1_000_000, true);
		const max = number(field(o, 'max', p), `${p}.max`, min, 1_000_000, true);
		return { min, max, share: number(field(o, 'share', p), `${p}.share`, 0, 1) };
	});
	return {
		count,
		consortia,
		namePlaces: texts(field(e, 'name_places', path), `${path}.name_places`),
		nameSuffix: text(field(e, 'name_suffix', path), `${path}.name_suffix`, true),
		byConsortium,
		employees
	};
}

/** Checks a synthetic-profile.json document and returns it typed. */
export function parsePopulationProfile(json: Json): PopulationProfile {
	const root = record(json, '$');
	return {
		seed: text(field(root, 'seed', '$'), '$.seed'),
		cellSize: number(field(root, 'cell_size_m', '$'), '$.cell_size_m', 1, 100_000),
		boundaryMargin: number(field(root, 'boundary_margin_m', '$'), '$.boundary_margin_m', 0, 10_000),
		residents: parseResidents(field(root, 'residents', '$'), '$.residents'),
		enterprises: parseEnterprises(field(root, 'enterprises', '$'), '$.enterprises')
	};
}

/** Every skill group id the profile refers to, for checking against the place's taxonomy. */
export function skillGroupsReferenced(profile: PopulationProfile): Set<string> {
	const r = profile.residents;
	const ids = new Set<string>(r.regulatedSkillGroups);
	for (const table of Object.values(r.skillGroupsByQualification)) for (const [id] of table) ids.add(id);
	for (const p of r.overseasHealthQualified.professions) ids.add(p.skillGroupId);
	return ids;
}
