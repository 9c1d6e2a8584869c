/**
 * Stable Open Referral ids: name-based uuids (RFC 9562 version 5, SHA-1) of a key such as
 * "organization:<hub id>", in the project's own namespace. The same hub gets the same ids in
 * every export and on every machine, without storing them; recorded services keep their own uuid.
 */
import { createHash } from 'node:crypto';

/** The namespace of Asset Atlas's Open Referral ids (itself a v5 uuid of the URL namespace). */
const NAMESPACE = '6f1e2a52-43c7-5b2d-9a1e-7c3d0f4b8e21';

function bytesOf(uuid: string): Buffer {
	return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function uuidV5(name: string, namespace = NAMESPACE): string {
	const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
	hash[6] = (hash[6]! & 0x0f) | 0x50;
	hash[8] = (hash[8]! & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const orukId = {
	organization: (hubId: string) => uuidV5(`organization:${hubId}`),
	location: (hubId: string) => uuidV5(`location:${hubId}`),
	address: (hubId: string) => uuidV5(`address:${hubId}`),
	hubService: (hubId: string) => uuidV5(`service:hub:${hubId}`),
	serviceAtLocation: (serviceId: string) => uuidV5(`service_at_location:${serviceId}`),
	attribute: (serviceId: string) => uuidV5(`attribute:${serviceId}`),
	taxonomy: (key: string) => uuidV5(`taxonomy:${key}`),
	taxonomyTerm: (key: string) => uuidV5(`taxonomy_term:${key}`)
};
