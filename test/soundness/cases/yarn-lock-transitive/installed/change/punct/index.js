// 1.1.0 ends sentences: a minor release inside ^1.0.0 that changes what greet returns.
export const end = () => "!";
