/**
 * Forms to service inputs: blank text is null, numbers are read from their digits (anything else
 * is passed on as typed so the schema names the field), a checkbox is on or off.
 */
import { orNull } from '../http/forms';

export function numberOrText(value: string): number | string {
	const trimmed = value.trim();
	return trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : value;
}

export function optionalNumber(value: string): number | string | null {
	return value.trim() === '' ? null : numberOrText(value);
}

export const ENTERPRISE_FIELDS = ['name', 'consortium', 'stage', 'offers', 'needs', 'employees', 'contact', 'consentToPublish', 'contactPublic', 'lon', 'lat'] as const;

export function enterpriseFromForm(values: Record<string, string>): Record<string, unknown> {
	return {
		name: values.name ?? '',
		consortium: values.consortium ?? '',
		stage: values.stage ?? '',
		offers: orNull(values.offers ?? ''),
		needs: orNull(values.needs ?? ''),
		employees: optionalNumber(values.employees ?? ''),
		contact: orNull(values.contact ?? ''),
		consentToPublish: values.consentToPublish === 'on',
		contactPublic: values.contactPublic === 'on',
		lon: numberOrText(values.lon ?? ''),
		lat: numberOrText(values.lat ?? '')
	};
}

export const ENTERPRISE_LABELS = {
	name: 'The name',
	consortium: 'The consortium',
	stage: 'The stage',
	offers: 'What it offers',
	needs: 'What it needs',
	employees: 'The number of employees',
	contact: 'The contact',
	consentToPublish: 'Consent to publish',
	contactPublic: 'Showing the contact',
	lon: 'The longitude',
	lat: 'The latitude'
};
