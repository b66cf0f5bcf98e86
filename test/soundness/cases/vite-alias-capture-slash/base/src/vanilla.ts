export const createStore = (initial: number) => ({ get: () => initial });
