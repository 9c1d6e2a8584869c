/**
 * Password hashing with argon2id (RFC 9106) through @node-rs/argon2, at OWASP's recommended
 * minimum (19 MiB memory, 2 passes, 1 lane): about 45 ms a hash on this class of machine.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
	algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/**
 * A hash of a password nobody has, verified when the account does not exist so that a wrong
 * username costs as much time as a wrong password (no account enumeration by timing).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(`decoy-${Math.random()}`);
	return decoy;
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
	if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > 256) return 'a password may have at most 256 characters';
	return undefined;
}
