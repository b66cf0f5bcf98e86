exports.double = (x) => x * 3;
