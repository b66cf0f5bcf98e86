exports.mark = "?";
