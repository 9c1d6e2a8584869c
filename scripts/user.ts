/**
 * `npm run user -- <command>`: account administration from the command line (the first
 * administrator is made here). Passwords are read from standard input, never from arguments,
 * so they do not land in shell history or the process list.
 *
 *   npm run user -- add <username> --role researcher|planner|administrator --name "Full Name"
 *   npm run user -- list
 *   npm run user -- disable <username> | enable <username>
 *   npm run user -- reset-password <username>
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { openDatabaseFor } from './lib/open-database';
import { SYSTEM_ACTOR } from '../src/lib/server/audit/log';
import {
	AccountError,
	createAccount,
	findAccountByUsername,
	listAccounts,
	resetPassword,
	setAccountDisabled
} from '../src/lib/server/auth/service';

const USAGE = `usage:
  npm run user -- add <username> --role researcher|planner|administrator --name "Full Name"
  npm run user -- list
  npm run user -- disable <username>
  npm run user -- enable <username>
  npm run user -- reset-password <username>
The password is read from standard input (typed, or piped: echo "$PASSWORD" | npm run user -- add ...).`;

async function readPassword(prompt: string): Promise<string> {
	if (process.stdin.isTTY) process.stderr.write(prompt);
	const rl = readline.createInterface({ input: process.stdin, terminal: false });
	for await (const line of rl) {
		rl.close();
		return line;
	}
	return '';
}

function usage(message?: string): never {
	if (message) console.error(message);
	console.error(USAGE);
	process.exit(2);
}

const { values, positionals } = (() => {
	try {
		return parseArgs({
			allowPositionals: true,
			options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
		});
	} catch (err) {
		usage((err as Error).message);
	}
})();
if (values.help) usage();
const [command, username] = positionals;
if (!command) usage();

const database = await openDatabaseFor('user');
const { db } = database;
try {
	switch (command) {
		case 'list': {
			for (const u of await listAccounts(db)) {
				console.log(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}`);
			}
			break;
		}
		case 'add': {
			if (!username || !values.role || !values.name) usage('add needs <username>, --role and --name');
			const password = await readPassword('password: ');
			const user = await createAccount(db, SYSTEM_ACTOR, { username, role: values.role, displayName: values.name, password });
			console.log(`created ${user.role} ${user.username}`);
			break;
		}
		case 'disable':
		case 'enable':
		case 'reset-password': {
			if (!username) usage(`${command} needs <username>`);
			const user = await findAccountByUsername(db, username);
			if (!user) throw new AccountError(`no account named ${username}`);
			if (command === 'reset-password') {
				await resetPassword(db, SYSTEM_ACTOR, user.id, await readPassword('new password: '));
				console.log(`password of ${user.username} changed; their sessions were ended`);
			} else {
				await setAccountDisabled(db, SYSTEM_ACTOR, user.id, command === 'disable');
				console.log(`${user.username} ${command}d`);
			}
			break;
		}
		default:
			usage(`unknown command ${command}`);
	}
} catch (err) {
	if (err instanceof AccountError) {
		console.error(`error: ${err.message}`);
		process.exitCode = 1;
	} else {
		throw err;
	}
} finally {
	await database.close();
}
