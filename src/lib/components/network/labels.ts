/** Words the network's pages share. */
export { CONSORTIUM_LABELS, STAGE_LABELS, SUPPORT_LABELS } from '../../domain/network/rules';

export const NETWORK_LINKS = [
	{ href: '/enterprises', label: 'Enterprises' },
	{ href: '/ideas', label: 'Ideas' },
	{ href: '/events', label: 'Events' }
];

export const STAFF_NETWORK_LINKS = [...NETWORK_LINKS, { href: '/ideas/review', label: 'Review ideas' }, { href: '/support', label: 'Support' }];

export function metres(m: number): string {
	return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}
