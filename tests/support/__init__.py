"""Test support shared by the suites: a scripted vendor server speaking each vendor's wire format."""
