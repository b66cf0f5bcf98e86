import { end } from "punct";
export const greet = (name) => `Hello, ${name}${end()}`;
