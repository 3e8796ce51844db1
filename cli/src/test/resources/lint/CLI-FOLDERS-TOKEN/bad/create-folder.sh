#!/bin/sh
infisical secrets folders create --name navidrome --path / \
  --env dev --token "$TOKEN"  # expect: CLI-FOLDERS-TOKEN
