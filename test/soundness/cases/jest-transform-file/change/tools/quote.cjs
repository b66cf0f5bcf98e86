exports.quote = (text) => `«${text}»`;
