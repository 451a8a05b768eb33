import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {type Column, layoutColumns} from '../../source/ui/column-layout.js';

// Room a fitContent column does not use in the rows shown goes to the fitContent columns that were cut.

type Row = {id: string; message: string; description: string; image: string};
const columns: Column<Row>[] = [
	{id: 'id', header: 'ID', min: 10, ideal: 10, cell: (row) => ({text: row.id})},
	{id: 'message', header: 'MESSAGE', min: 8, ideal: 12, flex: 2, fitContent: true, max: 40, cell: (row) => ({text: row.message})},
	{id: 'description', header: 'DESCRIPTION', min: 8, ideal: 12, flex: 1, fitContent: true, cell: (row) => ({text: row.description})},
	{id: 'image', header: 'IMAGE', min: 21, ideal: 21, fitContent: true, cell: (row) => ({text: row.image})},
];
const widths = (rows?: Row[]) => Object.fromEntries(layoutColumns(columns, 80, rows).shown.map(({column, width}) => [column.id, width]));

describe('layoutColumns with the rows shown', () => {
	const rows: Row[] = [{id: 'a', message: 'm'.repeat(60), description: 'd'.repeat(20), image: ''}];

	it('narrows an empty column to its header and gives the room to the cut ones, the smaller need first', () => {
		const declared = widths();
		const fitted = widths(rows);
		assert.equal(fitted.image, 5);
		assert.equal(fitted.description, 20, 'the description is whole');
		assert.ok((fitted.message ?? 0) > (declared.message ?? 0), 'the message gets the rest');
		const sum = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0);
		assert.equal(sum(fitted), sum(declared), 'the table keeps its width');
	});

	it('leaves a column as declared when its rows fill it', () => {
		const full = widths([{id: 'a', message: 'short', description: 'short', image: 'ami-0123456789abcdef0'}]);
		assert.equal(full.image, 21);
	});
});
