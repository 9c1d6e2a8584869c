import { describe, expect, it } from 'vitest';
import { closingDateOf, normaliseBand, parseVacancySheet, roleKey } from './rows';

const header = ['Role', 'Job family', 'Band', 'Required registration', 'Count', 'Site', 'Closing date'];

describe('parseVacancySheet', () => {
	it('reads rows with header aliases, bands and UK dates', () => {
		const result = parseVacancySheet([
			header,
			['Staff nurse', 'Nursing', 'Band 5', 'NMC', '4', 'midland-metropolitan-university-hospital', '31/01/2027'],
			[],
			['Porter', '', '', '', 2, 'Midland Metropolitan University Hospital', new Date(Date.UTC(2026, 11, 24))]
		]);
		expect(result).toEqual({
			ok: true,
			rows: [
				{ line: 2, role: 'Staff nurse', jobFamily: 'Nursing', band: '5', requiredRegistration: 'NMC', count: 4, site: 'midland-metropolitan-university-hospital', closingDate: '2027-01-31', socCode: null },
				{ line: 4, role: 'Porter', jobFamily: null, band: null, requiredRegistration: null, count: 2, site: 'Midland Metropolitan University Hospital', closingDate: '2026-12-24', socCode: null }
			]
		});
	});

	it('names every bad row and field and returns no rows', () => {
		const result = parseVacancySheet([
			header,
			['Staff nurse', '', 'Band 10', '', '0', 'x', '2027-02-30'],
			['', '', '', '', '3', '', '2027-01-01']
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toEqual([
			'row 2 (role "Staff nurse"): band: "Band 10" is not an Agenda for Change band (1-7, 8a-8d or 9)',
			'row 2 (role "Staff nurse"): count: "0" is not a whole number from 1 to 10000',
			'row 2 (role "Staff nurse"): closing_date: "2027-02-30" is not a date (YYYY-MM-DD or DD/MM/YYYY)',
			'row 3: role: is empty: name the job role, e.g. "Staff nurse"',
			'row 3: site: is empty: give the site id (e.g. "midland-metropolitan-university-hospital") or its name'
		]);
	});

	it('refuses a header without the required columns or with unknown ones', () => {
		const result = parseVacancySheet([['role', 'colour']]);
		expect(result).toEqual({ ok: false, problems: ['header: column "colour" is not one of role, job_family, band, required_registration, count, site, closing_date, soc_code', 'header: missing columns count, site, closing_date'] });
	});
});

describe('helpers', () => {
	it('folds bands, dates and role keys', () => {
		expect(normaliseBand('AfC Band 8A')).toBe('8a');
		expect(closingDateOf('1/2/2027')).toBe('2027-02-01');
		expect(closingDateOf('2027-13-01')).toBeUndefined();
		expect(roleKey('  Staff   Nurse ')).toBe('staff nurse');
	});
});
