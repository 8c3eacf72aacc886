package provider

// settingsBlocks is every settings block the provider serves, each as a
// resource and a data source of the same name. Adding a block is a spec
// file (block_<name>.go) and a line here.
var settingsBlocks = []*settingsBlock{
	sipConfigBlock,
	timeoutsBlock,
	volumeBlock,
	specialModesBlock,
	lineLevelsBlock,
	serviceCodesBlock,
	dtmfBlock,
	displayTextsBlock,
	heatingBlock,
	ntpBlock,
	syslogBlock,
	alertVolumeBlock,
}
