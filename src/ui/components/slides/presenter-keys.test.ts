import { describe, expect, it } from 'vitest';
import { fullPage } from './EmbedPage';
import { presenterMove } from './presenter-keys';

const key = (k: string, shiftKey = false) => ({ key: k, shiftKey, ctrlKey: false, metaKey: false, altKey: false });
const run = { at: 1000, endAt: 1050 };

describe('presenter keys', () => {
  it('steps one event with the arrows and a clicker\'s Page keys; Shift moves 100 ms within the run', () => {
    expect(presenterMove(key('ArrowRight'), run)).toEqual({ kind: 'step', by: 1 });
    expect(presenterMove(key('PageUp'), run)).toEqual({ kind: 'step', by: -1 });
    expect(presenterMove(key('ArrowRight', true), run)).toEqual({ kind: 'seek', at: 1050 });
    expect(presenterMove(key('ArrowLeft', true), run)).toEqual({ kind: 'seek', at: 900 });
    expect(presenterMove(key('Home'), run)).toEqual({ kind: 'seek', at: 0 });
    expect(presenterMove(key('End'), run)).toEqual({ kind: 'seek', at: 1050 });
    expect(presenterMove(key('p'), run)).toEqual({ kind: 'play' });
    expect(presenterMove({ ...key('ArrowRight'), ctrlKey: true }, run)).toBeNull();
    expect(presenterMove(key('x'), run)).toBeNull();
  });

  it('the embed\'s "Open in Raftlab" is the same page without ?embed', () => {
    expect(fullPage('https://example.org/raftlab/?embed=log&seed=3&engine=sim#run=abc')).toBe('https://example.org/raftlab/?seed=3&engine=sim#run=abc');
  });
});
