exports.locale = "en-GB";
