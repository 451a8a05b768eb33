import {createContext, useContext} from 'react';
import {statusOf} from '../model/import-task.js';
import {toAscii} from '../text/ascii-glyphs.js';

// Semantic colours (gemini-cli habit): components ask for `status.completed`, never for "green".
// With colour off (NO_COLOR, --no-color) every colour is undefined and meaning is carried by words and glyphs.

export type ColorName = 'green' | 'red' | 'yellow' | 'cyan' | 'magenta' | 'gray' | 'blue';

export interface Theme {
	color: boolean;
	/** False for non-UTF-8 locales: ASCII bars, borders and arrows. */
	unicode: boolean;
}

const palette = {
	'status.active': 'cyan',
	'status.completed': 'green',
	'status.deleting': 'yellow',
	'status.deleted': 'red',
	'status.unknown': 'magenta',
	fault: 'red',
	stale: 'yellow',
	changed: 'yellow',
	muted: 'gray',
	accent: 'blue',
} as const satisfies Record<string, ColorName>;

export type Role = keyof typeof palette;

export function colorOf(theme: Theme, role: Role): ColorName | undefined {
	return theme.color ? palette[role] : undefined;
}

export function statusRole(status: string): Role {
	const known = statusOf(status);
	switch (known) {
		case 'active':
			return 'status.active';
		case 'completed':
			return 'status.completed';
		case 'deleting':
			return 'status.deleting';
		case 'deleted':
			return 'status.deleted';
		case 'unknown':
			return 'status.unknown';
		default: {
			const unreachable: never = known;
			return unreachable;
		}
	}
}

const statusGlyphs = {active: '▶', completed: '✔', deleting: '⋯', deleted: '✖', unknown: '?'} as const;

/** A glyph per status, so state reads without colour; in ASCII the one fallback's stand-in (text/ascii-glyphs.ts). */
export function statusGlyph(theme: Theme, status: string): string {
	return glyph(theme, statusGlyphs[statusOf(status)]);
}

/** A glyph as this terminal can draw it. */
export function glyph(theme: Theme, unicode: string): string {
	return theme.unicode ? unicode : toAscii(unicode);
}

export const defaultTheme: Theme = {color: true, unicode: true};
export const ThemeContext = createContext<Theme>(defaultTheme);
export const useTheme = (): Theme => useContext(ThemeContext);
