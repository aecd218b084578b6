// The keyboard of the booking's day and time pickers: where the arrow keys, Home and End move.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { moveIndex } from '../js/dom.js';

describe('moveIndex', () => {
  test('left and right move one option, and stop at the ends', () => {
    assert.equal(moveIndex('ArrowRight', 0, 5), 1);
    assert.equal(moveIndex('ArrowRight', 4, 5), 4);
    assert.equal(moveIndex('ArrowLeft', 0, 5), 0);
    assert.equal(moveIndex('ArrowLeft', 3, 5), 2);
  });

  test('up and down move a row of the grid, and stay put where there is no row', () => {
    assert.equal(moveIndex('ArrowDown', 1, 10, 3), 4);
    assert.equal(moveIndex('ArrowDown', 8, 10, 3), 8);
    assert.equal(moveIndex('ArrowUp', 4, 10, 3), 1);
    assert.equal(moveIndex('ArrowUp', 1, 10, 3), 1);
  });

  test('in a one-column list up and down move one option', () => {
    assert.equal(moveIndex('ArrowDown', 0, 3), 1);
    assert.equal(moveIndex('ArrowUp', 2, 3), 1);
  });

  test('Home and End go to the first and the last; other keys do not move', () => {
    assert.equal(moveIndex('Home', 7, 10, 3), 0);
    assert.equal(moveIndex('End', 2, 10, 3), 9);
    assert.equal(moveIndex('Tab', 2, 10), null);
    assert.equal(moveIndex('Enter', 2, 10), null);
  });
});
