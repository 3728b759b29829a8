"""The provider conformance suite: one parametrised test set that every provider joins with fixtures."""
