#!/bin/sh
infisical secrets list --env prod --token "$INFISICAL_TOKEN"  # expect: CLI-SECRETS-LIST
