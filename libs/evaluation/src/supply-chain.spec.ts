import { MAX_DEPTH, MAX_NODES, supplyChainErrors, type SupplyChainShape } from './index';

const n = (name: string, sharePercent: string, subcontractors: SupplyChainShape[] = []): SupplyChainShape => ({ name, sharePercent, subcontractors });

describe('supplyChainErrors: the tree rules of a supply chain', () => {
  it('accepts a valid tree', () => {
    expect(supplyChainErrors(n('Root', '100', [n('A', '60', [n('A1', '100')]), n('B', '40')]))).toEqual([]);
  });

  it('names the root share, an over-committed node and a duplicate sibling by their body paths', () => {
    const errors = supplyChainErrors(n('Root', '90', [n('A', '60'), n('B', '40.000001'), n(' a ', '0')]));
    expect(errors).toEqual([
      { field: 'supplyChain.sharePercent', message: 'the root (the bidder itself) has sharePercent 100' },
      { field: 'supplyChain.subcontractors', message: "the subcontractors' sharePercent sum to 100.000001, more than 100" },
      { field: 'supplyChain.subcontractors[2].name', message: 'two subcontractors of the same node are named " a "' },
    ]);
  });

  it('compares exactly: 100.000000 is the whole, a sum of 33.333333 × 3 is not over', () => {
    expect(supplyChainErrors(n('Root', '100.000000', [n('A', '33.333333'), n('B', '33.333333'), n('C', '33.333334')]))).toEqual([]);
    expect(supplyChainErrors(n('Root', '100', [n('A', '33.333334'), n('B', '33.333333'), n('C', '33.333334')]))[0].field).toBe('supplyChain.subcontractors');
  });

  it('bounds depth and size', () => {
    let deep = n(`L${MAX_DEPTH + 1}`, '100');
    for (let i = MAX_DEPTH; i >= 1; i--) deep = n(`L${i}`, '100', [deep]);
    const depthErrors = supplyChainErrors(deep);
    expect(depthErrors).toHaveLength(1);
    expect(depthErrors[0].message).toBe(`the supply chain is deeper than ${MAX_DEPTH} levels`);
    expect(depthErrors[0].field).toBe(`supplyChain${'.subcontractors[0]'.repeat(MAX_DEPTH)}`);
    const wide = n(
      'Root',
      '100',
      Array.from({ length: MAX_NODES }, (_, i) => n(`S${i}`, '0')),
    );
    expect(supplyChainErrors(wide)).toEqual([{ field: 'supplyChain', message: `at most ${MAX_NODES} nodes per bid (got ${MAX_NODES + 1})` }]);
  });

  it('uses the given root field name', () => {
    expect(supplyChainErrors(n('Root', '50'), 'body')[0].field).toBe('body.sharePercent');
  });
});
