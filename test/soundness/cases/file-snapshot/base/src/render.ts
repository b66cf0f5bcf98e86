export const render = (name: string): string => `<p>${name}</p>`;
