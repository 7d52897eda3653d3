// The origin every local transaction carries. Undo tracks this origin only, so it never
// reverts what arrived from a peer, a provider or another tab.

export const LOCAL_ORIGIN: { readonly name: 'proofroom-local' } = Object.freeze({ name: 'proofroom-local' });
