import { describe, expect, it } from 'vitest';
import { ImportRefused } from './index';
import { parseSkillGroupsArguments, parseSkillGroupsCsv } from './skill-groups';

function problemsOf(text: string): readonly string[] {
	try {
		parseSkillGroupsCsv('groups.csv', text);
	} catch (err) {
		if (err instanceof ImportRefused) return err.problems;
		throw err;
	}
	throw new Error('expected a refusal');
}

describe('skill-groups CSV', () => {
	it('reads id, label and SOC codes split by ; , or spaces, columns in any order', () => {
		const text = 'label,id,soc_codes\nPorters,porters,"9271; 9272 ,9273"\nCooks,cooks,5434\n';
		expect(parseSkillGroupsCsv('groups.csv', text)).toEqual([
			{ id: 'porters', label: 'Porters', socCodes: ['9271', '9272', '9273'] },
			{ id: 'cooks', label: 'Cooks', socCodes: ['5434'] }
		]);
	});

	it('names every bad row and field, refusing the whole file', () => {
		const problems = problemsOf(
			'id,label,soc_codes\nGood Id,Porters,9271\nok,,92\nok,Again,9271 9271\nfine,Fine,1234\n'
		);
		expect(problems).toEqual([
			'row 2 (id "Good Id"): id "Good Id" must be lower-case letters, digits and hyphens (at most 63), e.g. "care-support"',
			'row 3 (id "ok"): label is empty',
			'row 3 (id "ok"): soc_codes: "92" is not a 4-digit SOC 2020 unit group',
			'row 4 (id "ok"): id "ok" is already on row 3',
			'row 4 (id "ok"): soc_codes: 9271 listed twice'
		]);
	});

	it('refuses a wrong header, an empty file and a NUL', () => {
		expect(problemsOf('id,name,codes\nx,y,1234\n')[0]).toMatch(/header must be exactly id, label, soc_codes.*missing label, soc_codes; unknown "name", "codes"/);
		expect(problemsOf('')[0]).toMatch(/is empty/);
		expect(problemsOf('id,label,soc_codes\n')[0]).toMatch(/no skill groups/);
		expect(problemsOf('id,label,soc_codes\nx,A\u0000B,1234\n')).toEqual(['row 2 (id "x"): contains a NUL character']);
	});
});

describe('skill-groups arguments', () => {
	it('takes one CSV file and --dry-run; refuses the rest with a reason', () => {
		expect(parseSkillGroupsArguments(['g.csv'])).toEqual({ file: 'g.csv', dryRun: false });
		expect(parseSkillGroupsArguments(['g.csv', '--dry-run'])).toEqual({ file: 'g.csv', dryRun: true });
		expect(parseSkillGroupsArguments(['--help'])).toEqual({ help: true });
		expect(parseSkillGroupsArguments([])).toEqual({ usageError: 'say which CSV file to import as skill-groups' });
		expect(parseSkillGroupsArguments(['g.json'])).toEqual({ usageError: 'skill-groups are read from a .csv file; "g.json" is not one' });
		expect(parseSkillGroupsArguments(['g.csv', '--place', 'x'])).toEqual({ usageError: 'unknown option --place for skill-groups' });
	});
});
