module.exports = { price: (cents) => ({ amount: cents / 100, currency: "EUR" }) };
