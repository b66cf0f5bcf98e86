exports.locale = "en-US";
