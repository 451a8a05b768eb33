import type {Action, Mode} from '../model/state.js';
import type {CommandId} from './keymap.js';

// What a command does: a reducer action, or an effect the shell carries out (quitting, talking to the poller).

export type Effect = 'quit' | 'refresh' | 'pause' | 'copy-id' | 'copy-image' | 'cancel' | 'cancel-confirm' | 'repaint' | 'suspend';
export type CommandResult = {kind: 'action'; action: Action} | {kind: 'effect'; effect: Effect};

const act = (action: Action): CommandResult => ({kind: 'action', action});
const effect = (name: Effect): CommandResult => ({kind: 'effect', effect: name});

export function runCommand(command: CommandId, context: {pageSize: number; mode: Mode}): CommandResult {
	const scrolling = context.mode === 'detail' || context.mode === 'help';
	switch (command) {
		case 'quit':
			return effect('quit');
		case 'refresh':
			return effect('refresh');
		case 'pause':
			return effect('pause');
		case 'help':
			return act({type: 'toggle-help'});
		case 'copy-id':
			return effect('copy-id');
		case 'copy-image':
			return effect('copy-image');
		case 'repaint':
			return effect('repaint');
		case 'suspend':
			return effect('suspend');
		case 'sort-next':
			return act({type: 'sort-next'});
		case 'sort-reverse':
			return act({type: 'sort-reverse'});
		case 'up':
			return act(scrolling ? {type: 'scroll', by: -1} : {type: 'move', by: -1});
		case 'down':
			return act(scrolling ? {type: 'scroll', by: 1} : {type: 'move', by: 1});
		case 'page-up':
			return act(scrolling ? {type: 'scroll', by: -context.pageSize} : {type: 'move', by: -context.pageSize});
		case 'page-down':
			return act(scrolling ? {type: 'scroll', by: context.pageSize} : {type: 'move', by: context.pageSize});
		case 'first':
			return act({type: 'move-to', edge: 'first'});
		case 'last':
			return act({type: 'move-to', edge: 'last'});
		case 'state-all':
			return act({type: 'set-state-filter', filter: 'all'});
		case 'state-active':
			return act({type: 'set-state-filter', filter: 'active'});
		case 'state-completed':
			return act({type: 'set-state-filter', filter: 'completed'});
		case 'state-deleting':
			return act({type: 'set-state-filter', filter: 'deleting'});
		case 'state-deleted':
			return act({type: 'set-state-filter', filter: 'deleted'});
		case 'state-next':
			return act({type: 'cycle-state-filter', direction: 1});
		case 'state-previous':
			return act({type: 'cycle-state-filter', direction: -1});
		case 'kind-next':
			return act({type: 'next-kind-filter'});
		case 'search':
			return act({type: 'search-start'});
		case 'events':
			return act({type: 'open-events'});
		case 'timeline':
			return act({type: 'open-timeline'});
		case 'cancel':
			return effect('cancel');
		case 'cancel-confirm':
			return effect('cancel-confirm');
		case 'cancel-keep':
			return act({type: 'cancel-close', kept: true});
		case 'open':
			return act({type: 'open-detail'});
		case 'back':
			return act({type: 'back'});
		case 'search-commit':
			return act({type: 'search-commit'});
		case 'search-cancel':
			return act({type: 'search-cancel'});
		case 'search-erase':
			return act({type: 'search-erase'});
		default: {
			const unreachable: never = command;
			return unreachable;
		}
	}
}
