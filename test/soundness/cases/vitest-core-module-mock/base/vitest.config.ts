// Its own project, so Vitest looks for __mocks__ at this folder, the project root.
export default {};
